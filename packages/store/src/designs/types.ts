import type { Page, PageRequest } from '../paging.js';

/**
 * A design file as an object (`{ name, seed, duration, services, workload, faults, slo, … }`).
 * The store keeps it as opaque JSON and reads only `name`; the server validates the rest with
 * @faultline/sim before saving.
 */
export type DesignDocument = Readonly<Record<string, unknown>>;

/** One version of a design, with its document. */
export interface Design {
  readonly id: string;
  /** The document's `name` at this version. */
  readonly name: string;
  /** This document's version. */
  readonly version: number;
  /** The newest version; differs from `version` when an older one was asked for. */
  readonly latestVersion: number;
  readonly document: DesignDocument;
  /** What the author said about this version, if anything. */
  readonly message: string | null;
  /** When and by whom this version was saved. */
  readonly savedAt: string;
  readonly savedBy: string;
  /** When and by whom the design was created (version 1). */
  readonly createdAt: string;
  readonly createdBy: string;
  /** When it was deleted, if it was (only seen with `includeDeleted`). */
  readonly deletedAt: string | null;
}

/** A design in a list: the latest version's name and number, no document. */
export interface DesignSummary {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly deletedAt: string | null;
}

/** One entry of a design's history. */
export interface DesignVersionSummary {
  readonly version: number;
  readonly name: string;
  readonly message: string | null;
  readonly savedAt: string;
  readonly savedBy: string;
  /** Size of the document as stored (UTF-8 JSON). */
  readonly bytes: number;
}

export interface CreateDesign {
  readonly document: DesignDocument;
  readonly actor: string;
  readonly message?: string;
}

export interface UpdateDesign {
  readonly id: string;
  /** The version the caller read and changed. The save fails with VersionConflictError if it is not the latest. */
  readonly expectedVersion: number;
  readonly document: DesignDocument;
  readonly actor: string;
  readonly message?: string;
}

/** What a {@link ModifyDesign.change} receives. */
export interface DesignChangeArgs {
  /** The latest document: a fresh copy, the function may change it and return it. */
  readonly document: Record<string, unknown>;
  readonly version: number;
}

export interface ModifyDesign {
  readonly id: string;
  /** When given, the change applies only if this is still the latest version. */
  readonly expectedVersion?: number;
  /**
   * Makes the new document from the latest one, e.g. replaces its `faults`. Runs inside the
   * transaction with the design locked, so it must be quick and synchronous; throwing cancels.
   */
  readonly change: (args: DesignChangeArgs) => DesignDocument;
  readonly actor: string;
  readonly message?: string;
}

export interface DeleteDesign {
  readonly id: string;
  readonly actor: string;
  /** When given, the delete applies only if this is still the latest version. */
  readonly expectedVersion?: number;
}

export interface GetDesignOptions {
  /** A version other than the latest. */
  readonly version?: number;
  /** Return it even if it was deleted (its runs still point at it). */
  readonly includeDeleted?: boolean;
}

export interface DesignQuery extends PageRequest {
  /** Only designs whose name contains this, ignoring case. */
  readonly search?: string;
  /** `updated` (default): most recently saved first. `name`: by name, A to Z. */
  readonly sort?: 'updated' | 'name';
  readonly includeDeleted?: boolean;
}

/** Versioned designs: every save is a new version, and a save names the version it replaces. */
export interface DesignRepository {
  /** Saves a new design as version 1. */
  create(args: CreateDesign): Promise<Design>;
  /** The latest version, or the one asked for. NotFoundError if there is none (or it was deleted). */
  get(id: string, options?: GetDesignOptions): Promise<Design>;
  /** Designs, without their documents. */
  list(query?: DesignQuery): Promise<Page<DesignSummary>>;
  /** Saves `document` as the next version, if `expectedVersion` is still the latest; else VersionConflictError and nothing saved. */
  update(args: UpdateDesign): Promise<Design>;
  /** Saves the next version computed from the latest one, atomically: for changing one part (faults, a call's resilience). */
  modify(args: ModifyDesign): Promise<Design>;
  /** Deletes the design (softly: its versions and runs stay readable). */
  delete(args: DeleteDesign): Promise<void>;
  /** The design's versions, newest first. */
  versions(
    id: string,
    query?: PageRequest & { readonly includeDeleted?: boolean },
  ): Promise<Page<DesignVersionSummary>>;
}
