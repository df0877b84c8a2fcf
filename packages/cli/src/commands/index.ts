import type { RegisterCommand } from '../program.js';
import { registerValidate } from './validate.js';
import { registerProxy } from './proxy.js';
import { registerServe } from './serve.js';
import { registerSimulate } from './simulate.js';
import { registerExperiment } from './experiment.js';
import { registerWorker } from './worker.js';
import { registerAudit } from './audit.js';

/** Every command of the CLI, one file each under commands/. */
export const commands: RegisterCommand[] = [
  registerValidate,
  registerProxy,
  registerSimulate,
  registerServe,
  registerWorker,
  registerExperiment,
  registerAudit,
];
