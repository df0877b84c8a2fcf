import type { ToxicDefinition } from './definition.js';
import { latency } from './latency/latency.js';
import { bandwidth } from './bandwidth/bandwidth.js';
import { slowClose } from './slow-close/slow-close.js';
import { timeout } from './timeout/timeout.js';
import { resetPeer } from './reset-peer/reset-peer.js';
import { slicer } from './slicer/slicer.js';
import { limitData } from './limit-data/limit-data.js';
import { packetLoss } from './packet-loss/packet-loss.js';
import { slowOpen } from './slow-open/slow-open.js';
import { limitTime } from './limit-time/limit-time.js';
import { httpStatus } from './http-status/http-status.js';
import { httpAbort } from './http-abort/http-abort.js';
import { httpDelay } from './http-delay/http-delay.js';

/** Every toxic the proxy knows, by its API `type`. */
export const TOXICS: ReadonlyMap<string, ToxicDefinition> = new Map(
  (
    [
      latency,
      bandwidth,
      slowClose,
      timeout,
      resetPeer,
      slicer,
      limitData,
      packetLoss,
      slowOpen,
      limitTime,
      httpStatus,
      httpAbort,
      httpDelay,
    ] as ToxicDefinition[]
  ).map((definition) => [definition.type, definition]),
);

/** The toxic types, for documentation and error messages. */
export const TOXIC_TYPES: readonly string[] = [...TOXICS.keys()];
