import type { StoreContext } from '../context.js';
import { getDesign, listDesigns, listDesignVersions } from './read.js';
import type { DesignRepository } from './types.js';
import { createDesign, deleteDesign, modifyDesign, updateDesign } from './write.js';

/** The designs of one store. */
export function designRepository(ctx: StoreContext): DesignRepository {
  return {
    create: (args) => createDesign(ctx, args),
    get: (id, options) => getDesign(ctx, id, options),
    list: (query) => listDesigns(ctx, query),
    update: (args) => updateDesign(ctx, args),
    modify: (args) => modifyDesign(ctx, args),
    delete: (args) => deleteDesign(ctx, args),
    versions: (id, query) => listDesignVersions(ctx, id, query),
  };
}
