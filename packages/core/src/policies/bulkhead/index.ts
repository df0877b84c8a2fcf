// Public exports of this policy folder (filled in with the policy).
export {};
