import { parentPort } from 'node:worker_threads';
import { simLiveEngine } from './live-engine.js';
import { serveLive } from './serve-live.js';

// A live worker: one live session's simulation, paced to the wall clock, off the request thread.
serveLive(parentPort!, simLiveEngine);
