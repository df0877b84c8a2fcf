// Public exports of experiments (filled in with it).
export {};
