import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';

/** Where a command writes: injectable so commands are tested without a terminal. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Whether `out` is an interactive terminal (progress bars are drawn only then). */
  readonly isTTY: boolean;
  /** Whether `err` is an interactive terminal, where progress bars go; `isTTY` when not given. */
  readonly errIsTTY?: boolean;
}

export const processOutput: Output = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  get isTTY() {
    return Boolean(process.stdout.isTTY);
  },
  get errIsTTY() {
    return Boolean(process.stderr.isTTY);
  },
};

/** A command's registration: adds itself to the program and reports its exit code through `done`. */
export type RegisterCommand = (program: Command, output: Output, done: (exitCode: number) => void) => void;

/** Builds the `faultline` program with every command registered. */
export function buildProgram(
  output: Output = processOutput,
  done: (exitCode: number) => void = () => {},
): Command {
  const program = new Command('faultline')
    .description('Make distributed systems survive failure, and prove that they do.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: output.out, writeErr: output.err })
    .showHelpAfterError('(run with --help for usage)');
  for (const register of commands) register(program, output, done);
  return program;
}

/** Runs the CLI with `argv` (as in process.argv) and resolves to the exit code. */
export async function main(argv: readonly string[], output: Output = processOutput): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(output, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    output.err(`faultline: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
