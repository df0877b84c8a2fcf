#!/usr/bin/env node
// Runs the built CLI; `npm ci` at the repository root builds it (the root `prepare` script).
import { main } from '../dist/index.js';

process.exitCode = await main(process.argv);
