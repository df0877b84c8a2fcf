import { loadDesign } from '@faultline/sim';
import { parse, stringify } from 'yaml';

/**
 * Reads a design from YAML (or JSON) text as the user wrote it. The model reads it first, so
 * that a mistake is reported with its line and column; the document kept is the plain object.
 */
export function documentFromYaml(text: string): Record<string, unknown> {
  loadDesign(text, { format: 'yaml' });
  return parse(text, { maxAliasCount: 1000 }) as Record<string, unknown>;
}

/**
 * The stored document as YAML. Comments and layout of an imported file are not kept (the store
 * keeps the document as JSON); key order is.
 */
export function documentToYaml(document: Readonly<Record<string, unknown>>): string {
  return stringify(document, { lineWidth: 0 });
}
