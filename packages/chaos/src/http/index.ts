// Public exports of http (filled in with it).
export {};
