export { main, buildProgram, processOutput } from './program.js';
export type { Output, RegisterCommand } from './program.js';
