// Public exports of model (filled in with it).
export {};
