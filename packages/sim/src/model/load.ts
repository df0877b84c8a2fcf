import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { DesignError, type DesignIssue } from './errors.js';
import { DESIGN_LIMITS } from './limits.js';
import { locate } from './locate.js';
import { parseDesign, type LoadedDesign } from './parse.js';

export interface LoadOptions {
  /** `yaml` (which also reads JSON) or `json`; by default from the extension of `path`, else yaml. */
  readonly format?: 'yaml' | 'json';
  /** Where the text came from: CSV files named by the design are read relative to it. */
  readonly path?: string;
}

/**
 * Reads a design from YAML or JSON text and validates it (see parseDesign). Throws a DesignError
 * whose issues carry the line and column of each problem, syntax errors included.
 */
export function loadDesign(text: string, options: LoadOptions = {}): LoadedDesign {
  const bytes = Buffer.byteLength(text);
  if (bytes > DESIGN_LIMITS.fileBytes)
    throw new DesignError([{ path: '', message: tooLarge('design file', bytes) }]);
  const format = options.format ?? (options.path?.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
  const lines = new LineCounter();
  // JSON is read by JSON.parse, to be strict; the YAML parser still maps its paths to lines.
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, merge: format === 'yaml' });
  const input = format === 'json' ? readJson(text, lines) : readYaml(document, lines);
  const base = options.path === undefined ? undefined : dirname(options.path);
  try {
    const loaded = parseDesign(input, {
      readFile: base === undefined ? undefined : (file) => readCsv(resolve(base, file)),
    });
    return { design: loaded.design, warnings: placed(loaded.warnings, document, lines) };
  } catch (error) {
    if (!(error instanceof DesignError)) throw error;
    throw new DesignError(placed(error.issues, document, lines), placed(error.warnings, document, lines));
  }
}

function readYaml(document: Document, lines: LineCounter): unknown {
  const syntax = document.errors.map((error): DesignIssue => {
    const { line, col } = lines.linePos(error.pos[0]);
    return { path: '', message: `YAML syntax error: ${error.message}`, line, column: col };
  });
  if (syntax.length > 0) throw new DesignError(syntax);
  try {
    // A small cap on aliases stops a "billion laughs" file from expanding without bound.
    return document.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    throw new DesignError([
      { path: '', message: `YAML error: ${error instanceof Error ? error.message : String(error)}` },
    ]);
  }
}

function readJson(text: string, lines: LineCounter): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const place = position ? lines.linePos(Number(position[1])) : undefined;
    throw new DesignError([
      {
        path: '',
        message: `JSON syntax error: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
        line: place?.line,
        column: place?.col,
      },
    ]);
  }
}

function readCsv(file: string): string {
  const bytes = statSync(file).size;
  if (bytes > DESIGN_LIMITS.fileBytes) throw new Error(tooLarge('CSV file', bytes));
  return readFileSync(file, 'utf8');
}

function tooLarge(what: string, bytes: number): string {
  const limit = DESIGN_LIMITS.fileBytes;
  return `the ${what} is ${bytes} bytes, over the limit of ${limit} bytes (${limit / 1024 / 1024} MiB)`;
}

// Adds the line and column of each issue's path, and puts the issues in file order.
function placed(issues: readonly DesignIssue[], document: Document, lines: LineCounter): DesignIssue[] {
  const withPlace = issues.map((issue) => {
    if (issue.line !== undefined || !issue.path) return issue;
    const place = locate(document, lines, issue.path);
    return place ? { ...issue, line: place.line, column: place.column } : issue;
  });
  return withPlace.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
