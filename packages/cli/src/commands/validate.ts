import { readFileSync, statSync } from 'node:fs';
import {
  DESIGN_LIMITS,
  DesignError,
  callsOf,
  loadDesign,
  type Design,
  type DesignIssue,
} from '@faultline/sim';
import type { RegisterCommand } from '../program.js';

/** `faultline validate FILE`: checks a design file and lists every problem, exit 1 if there is any. */
export const registerValidate: RegisterCommand = (program, output, done) => {
  program
    .command('validate')
    .description('check a design file (YAML or JSON) and list every problem in it')
    .argument('<file>', 'the design file')
    .action((file: string) => {
      const text = readDesignFile(file);
      if (typeof text !== 'string') {
        output.err(`${file}: ${text.error}\n`);
        return done(1);
      }
      try {
        const { design, warnings } = loadDesign(text, { path: file });
        output.out(`ok: ${summary(design)}\n`);
        for (const warning of warnings)
          output.err(`${place(file, warning)}warning: ${pathAndMessage(warning)}\n`);
        done(0);
      } catch (error) {
        if (!(error instanceof DesignError)) throw error;
        for (const issue of error.issues) output.err(`${place(file, issue)}${pathAndMessage(issue)}\n`);
        for (const warning of error.warnings)
          output.err(`${place(file, warning)}warning: ${pathAndMessage(warning)}\n`);
        done(1);
      }
    });
};

/** A design file's text, or why it cannot be read. The size is checked first, so a huge file is never loaded. */
export function readDesignFile(file: string): string | { error: string } {
  try {
    const bytes = statSync(file).size;
    if (bytes > DESIGN_LIMITS.fileBytes)
      return {
        error: `the design file is ${bytes} bytes, over the limit of ${DESIGN_LIMITS.fileBytes} bytes`,
      };
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: 'no such file' };
    if (code === 'EISDIR') return { error: 'is a directory, not a design file' };
    return { error: `cannot read it: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** `shop (2 services, 3 calls, 1 fault)` */
function summary(design: Design): string {
  const services = Object.values(design.services);
  const calls = services.reduce((sum, service) => sum + callsOf(service).length, 0);
  return `${design.name} (${count(services.length, 'service')}, ${count(calls, 'call')}, ${count(design.faults.length, 'fault')})`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

// `file:line:column: `, the form editors and terminals turn into a link to the place.
export function place(file: string, issue: DesignIssue): string {
  return issue.line === undefined ? `${file}: ` : `${file}:${issue.line}:${issue.column ?? 1}: `;
}

/** `path: message`, or the message alone for the whole file. */
export function pathAndMessage(issue: DesignIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}
