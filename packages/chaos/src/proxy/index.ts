// Public exports of proxy (filled in with it).
export {};
