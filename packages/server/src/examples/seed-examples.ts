import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DesignError, formatIssue } from '@faultline/sim';
import type { Store } from '@faultline/store';
import { checkDesign } from '../designs/check-design.js';
import { documentFromYaml } from '../designs/yaml.js';
import type { ServerLimits } from '../limits.js';

/** The repository's examples/ folder, from src/ and from dist/ alike. */
export const EXAMPLES_DIR = new URL('../../../../examples/', import.meta.url);

/**
 * Saves every `*.yaml` design in `dir` (sorted by name) as a new design, so that a new user sees
 * something at once. A file the model refuses is skipped with a warning naming the problem.
 * Returns the names saved.
 */
export async function seedExamples(args: {
  readonly store: Store;
  readonly dir: string;
  readonly limits: ServerLimits;
  readonly log: { info(data: object, message: string): void; warn(data: object, message: string): void };
}): Promise<string[]> {
  const { store, dir, limits, log } = args;
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((file) => /\.ya?ml$/i.test(file))
      .sort();
  } catch {
    log.warn({ dir }, 'examples: no examples folder, nothing to load');
    return [];
  }
  const saved: string[] = [];
  for (const file of files) {
    try {
      const document = documentFromYaml(readFileSync(join(dir, file), 'utf8'));
      checkDesign(document, limits);
      const design = await store.designs.create({
        document,
        actor: 'examples',
        message: `from examples/${file}`,
      });
      saved.push(design.name);
    } catch (error) {
      const reason =
        error instanceof DesignError
          ? error.issues.map(formatIssue).join('; ')
          : error instanceof Error
            ? error.message
            : String(error);
      log.warn({ file, reason }, 'examples: skipped a design that does not load');
    }
  }
  if (saved.length > 0) log.info({ designs: saved }, 'examples: loaded into the new database');
  return saved;
}
