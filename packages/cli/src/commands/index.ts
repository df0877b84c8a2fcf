import type { RegisterCommand } from '../program.js';
import { registerValidate } from './validate.js';
import { registerProxy } from './proxy.js';
import { registerSimulate } from './simulate.js';

/** Every command of the CLI, one file each under commands/. */
export const commands: RegisterCommand[] = [registerValidate, registerProxy, registerSimulate];
