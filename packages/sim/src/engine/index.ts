// Public exports of engine (filled in with it).
export {};
