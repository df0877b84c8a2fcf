import type { RegisterCommand } from '../program.js';
import { registerValidate } from './validate.js';

/** Every command of the CLI, one file each under commands/. */
export const commands: RegisterCommand[] = [registerValidate];
