import type { RegisterCommand } from '../program.js';

/** Every command of the CLI, one file each under commands/. */
export const commands: RegisterCommand[] = [];
