/** Settles `promise` into an inspectable record, so assertions can run at a chosen virtual time. */
export function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return state;
}

/** The issues of the ConfigError that `build` throws, each as ConfigError words it: `path: message`. */
export function issuesOf(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    const issues = (error as { issues?: readonly { path: string; message: string }[] }).issues;
    if (issues === undefined) throw error;
    return issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
  }
  throw new Error('expected a ConfigError');
}
