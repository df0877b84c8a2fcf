import type { FaultType } from '../model/index.js';
import { crash } from './crash/crash.js';
import { error } from './error/error.js';
import { exhaustion } from './exhaustion/exhaustion.js';
import type { FaultModel } from './fault-model.js';
import { latency } from './latency/latency.js';
import { packetLoss } from './packet-loss/packet-loss.js';
import { partition } from './partition/partition.js';

/** The model of each fault type. */
export const FAULT_MODELS: { readonly [T in FaultType]: FaultModel } = {
  crash: crash as FaultModel,
  latency: latency as FaultModel,
  error: error as FaultModel,
  exhaustion: exhaustion as FaultModel,
  partition: partition as FaultModel,
  'packet-loss': packetLoss as FaultModel,
};
