// Public exports of metrics (filled in with it).
export {};
