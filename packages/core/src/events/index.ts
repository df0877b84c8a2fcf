export type { Disposable, Listener, EventSubscriber } from './emitter.js';
export { Emitter } from './emitter.js';
export type { PolicyEvent, EventSeverity } from './policy-event.js';
