// Public exports of in-process (filled in with it).
export {};
