import { request } from './client.js';
import type { Design, DesignDocument, DesignSummary, Page } from './types.js';

/** Designs, most recently saved first (or by name), whose name contains `search`. */
export function listDesigns(args: { search?: string; sort?: 'updated' | 'name'; limit?: number } = {}) {
  return request<Page<DesignSummary>>('/designs', { query: { limit: 100, ...args } });
}

/** The latest version of a design, with its document. */
export function getDesign(id: string) {
  return request<Design>(`/designs/${encodeURIComponent(id)}`);
}

/** Saves a new design as version 1. */
export function createDesign(args: { document: DesignDocument; message?: string }) {
  return request<Design>('/designs', { method: 'POST', body: args });
}

/** Creates a design from YAML (or JSON) text, validated by the server. */
export function importDesign(args: { text: string }) {
  return request<Design>('/designs/import', {
    method: 'POST',
    body: args.text,
    contentType: 'application/yaml',
  });
}

/** The design as YAML text. */
export function exportDesign(id: string) {
  return request<string>(`/designs/${encodeURIComponent(id)}/export`, { as: 'text' });
}

/** Saves the next version, if `expectedVersion` is still the latest: else ApiError version_conflict (409). */
export function updateDesign(args: {
  id: string;
  expectedVersion: number;
  document: DesignDocument;
  message?: string;
}) {
  const { id, ...body } = args;
  return request<Design>(`/designs/${encodeURIComponent(id)}`, { method: 'PUT', body });
}

/** Deletes a design (its runs stay readable). */
export function deleteDesign(id: string) {
  return request<void>(`/designs/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
