// The scenarios: for each, one subject per library, configured to do the same thing. A subject
// is `() => Promise`: one call through the library's policy, as a user's code makes it.
import * as faultline from '@faultline/core';
import * as cockatiel from 'cockatiel';
import CircuitBreaker from 'opossum';

/** The call every policy runs: an async function that returns a value. */
const call = async () => 42;

// One error, made once: a rejection that builds a new Error (and captures its stack) would
// measure V8's stack capture, the same for every library, and hide the policies' own cost.
const failure = new Error('the dependency failed');
/** The failing call: an async function that rejects. */
const failingCall = async () => {
  throw failure;
};

const TIMEOUT_MS = 1000;
const OPEN_FOR_MS = 10_000;
/** Never reached: the failure-path breakers must stay closed so that every call runs. */
const NEVER = Number.MAX_SAFE_INTEGER;
/** opossum keeps its open state for resetTimeout: long enough for any run, short enough for a timer. */
const OPOSSUM_OPEN_MS = 600_000;

// Three attempts in total everywhere: our maxAttempts counts the first attempt, cockatiel's
// counts only the retries. No delay between attempts (cockatiel's default backoff is 0ms too).
const OUR_RETRY = { maxAttempts: 3, backoff: { type: 'constant', delay: 0 } };
const COCKATIEL_RETRIES = 2;

const ours = {
  breaker: (failures = 5) =>
    faultline.circuitBreaker({ window: { type: 'consecutive', failures }, openFor: OPEN_FOR_MS }),
  retry: () => faultline.retry(OUR_RETRY),
  timeout: () => faultline.timeout(TIMEOUT_MS),
  retryBreakerTimeout: (failures = 5) =>
    faultline.pipeline(ours.retry(), ours.breaker(failures), ours.timeout()),
  fivePolicies: () =>
    faultline.pipeline(
      faultline.fallback({ value: 0 }),
      ours.retry(),
      ours.breaker(),
      ours.timeout(),
      faultline.bulkhead({ maxConcurrent: 10 }),
    ),
};

const theirs = {
  breaker: (failures = 5) =>
    cockatiel.circuitBreaker(cockatiel.handleAll, {
      halfOpenAfter: OPEN_FOR_MS,
      breaker: new cockatiel.ConsecutiveBreaker(failures),
    }),
  retry: () => cockatiel.retry(cockatiel.handleAll, { maxAttempts: COCKATIEL_RETRIES }),
  timeout: () => cockatiel.timeout(TIMEOUT_MS, cockatiel.TimeoutStrategy.Cooperative),
  retryBreakerTimeout: (failures = 5) =>
    cockatiel.wrap(theirs.retry(), theirs.breaker(failures), theirs.timeout()),
  fivePolicies: () =>
    cockatiel.wrap(
      cockatiel.fallback(cockatiel.handleAll, 0),
      theirs.retry(),
      theirs.breaker(),
      theirs.timeout(),
      cockatiel.bulkhead(10, 0),
    ),
};

/** opossum wraps the function itself; `timeout: false` turns its built-in timeout off. */
function opossum(fn, { timeout = false, errorThresholdPercentage = 50 } = {}) {
  return new CircuitBreaker(fn, { timeout, errorThresholdPercentage, resetTimeout: OPOSSUM_OPEN_MS });
}

/** Runs `fn` through `policy` and swallows the expected rejection, so a loop can await it. */
const swallow = () => undefined;

/**
 * Builds every scenario. Each has a `path` (success, failure, rejected), a `name`, and its
 * `subjects` by library; `setup` (optional) runs before every measurement of the scenario;
 * `dispose` releases timers (opossum keeps a rolling-window interval per breaker).
 */
export function buildScenarios() {
  const disposables = [];
  const opossumBreaker = (fn, options) => {
    const breaker = opossum(fn, options);
    disposables.push(() => breaker.shutdown());
    return breaker;
  };

  const success = {
    breaker: [ours.breaker(), theirs.breaker(), opossumBreaker(call)],
    retry: [ours.retry(), theirs.retry()],
    timeout: [ours.timeout(), theirs.timeout()],
    rbt: [ours.retryBreakerTimeout(), theirs.retryBreakerTimeout()],
    opossumWithTimeout: opossumBreaker(call, { timeout: TIMEOUT_MS }),
    five: [ours.fivePolicies(), theirs.fivePolicies()],
  };
  const failing = {
    breaker: [ours.breaker(NEVER), theirs.breaker(NEVER)],
    opossum: opossumBreaker(failingCall, { errorThresholdPercentage: 100 }),
    retry: [ours.retry(), theirs.retry()],
    rbt: [ours.retryBreakerTimeout(NEVER), theirs.retryBreakerTimeout(NEVER)],
    opossumWithTimeout: opossumBreaker(failingCall, { timeout: TIMEOUT_MS, errorThresholdPercentage: 100 }),
  };
  const open = [ours.breaker(), theirs.breaker(), opossumBreaker(call)];
  // Held open for the whole run: the handles are never disposed.
  open[0].isolate();
  open[1].isolate();

  const scenarios = [
    {
      path: 'success',
      name: 'bare async call',
      subjects: { bare: () => call() },
    },
    {
      path: 'success',
      name: 'circuit breaker',
      subjects: {
        faultline: () => success.breaker[0].execute(call),
        cockatiel: () => success.breaker[1].execute(call),
        opossum: () => success.breaker[2].fire(),
      },
    },
    {
      path: 'success',
      name: 'retry',
      subjects: {
        faultline: () => success.retry[0].execute(call),
        cockatiel: () => success.retry[1].execute(call),
      },
    },
    {
      path: 'success',
      name: 'timeout',
      subjects: {
        faultline: () => success.timeout[0].execute(call),
        cockatiel: () => success.timeout[1].execute(call),
      },
    },
    {
      path: 'success',
      name: 'retry+breaker+timeout',
      subjects: {
        faultline: () => success.rbt[0].execute(call),
        cockatiel: () => success.rbt[1].execute(call),
        'opossum (breaker with timeout)': () => success.opossumWithTimeout.fire(),
      },
    },
    {
      path: 'success',
      name: '5-policy pipeline',
      subjects: {
        faultline: () => success.five[0].execute(call),
        cockatiel: () => success.five[1].execute(call),
      },
    },
    {
      path: 'failure',
      name: 'circuit breaker',
      subjects: {
        faultline: () => failing.breaker[0].execute(failingCall).then(undefined, swallow),
        cockatiel: () => failing.breaker[1].execute(failingCall).then(undefined, swallow),
        opossum: () => failing.opossum.fire().then(undefined, swallow),
      },
    },
    {
      path: 'failure',
      name: 'retry (3 attempts, no delay)',
      subjects: {
        faultline: () => failing.retry[0].execute(failingCall).then(undefined, swallow),
        cockatiel: () => failing.retry[1].execute(failingCall).then(undefined, swallow),
      },
    },
    {
      path: 'failure',
      name: 'retry+breaker+timeout',
      subjects: {
        faultline: () => failing.rbt[0].execute(failingCall).then(undefined, swallow),
        cockatiel: () => failing.rbt[1].execute(failingCall).then(undefined, swallow),
        'opossum (breaker with timeout)': () => failing.opossumWithTimeout.fire().then(undefined, swallow),
      },
    },
    {
      path: 'rejected',
      name: 'open breaker',
      // opossum half-opens after resetTimeout; opening it again before each measurement keeps it open.
      setup: () => open[2].open(),
      subjects: {
        faultline: () => open[0].execute(call).then(undefined, swallow),
        cockatiel: () => open[1].execute(call).then(undefined, swallow),
        opossum: () => open[2].fire().then(undefined, swallow),
      },
    },
  ];
  /** Throws unless every subject still does what its scenario says (a breaker that opened would measure refusals). */
  const verify = async () => {
    for (const scenario of scenarios)
      if (scenario.path === 'success')
        for (const [library, op] of Object.entries(scenario.subjects)) {
          const result = await op();
          if (result !== 42) throw new Error(`${scenario.name}/${library}: expected 42, got ${result}`);
        }
    const closed = [
      ['faultline', failing.breaker[0].state === 'closed'],
      ['cockatiel', failing.breaker[1].state === cockatiel.CircuitState.Closed],
      ['opossum', failing.opossum.closed],
      ['opossum with timeout', failing.opossumWithTimeout.closed],
    ];
    for (const [library, isClosed] of closed)
      if (!isClosed) throw new Error(`failure path: the ${library} breaker opened`);
    if (open[0].state !== 'isolated' || open[1].state !== cockatiel.CircuitState.Isolated)
      throw new Error('rejected path: a breaker closed');
  };
  return {
    scenarios,
    verify,
    dispose: () => disposables.forEach((dispose) => dispose()),
  };
}

/**
 * The targets of issue #2, each a ratio of two measured figures (ops/s of `numerator` over
 * `denominator`) that must reach `atLeast`. Keys name a scenario's subject as `path/name/library`.
 */
export const TARGETS = [
  {
    name: 'breaker ≥ 1.5× cockatiel',
    numerator: 'success/circuit breaker/faultline',
    denominator: 'success/circuit breaker/cockatiel',
    atLeast: 1.5,
  },
  {
    name: 'retry+breaker+timeout ≥ 20× cockatiel',
    numerator: 'success/retry+breaker+timeout/faultline',
    denominator: 'success/retry+breaker+timeout/cockatiel',
    atLeast: 20,
  },
  {
    name: "retry+breaker+timeout ≥ 2× opossum's breaker with timeout",
    numerator: 'success/retry+breaker+timeout/faultline',
    denominator: 'success/retry+breaker+timeout/opossum (breaker with timeout)',
    atLeast: 2,
  },
  {
    // Within 4× the bare call's time: the pipeline's ops/s is at least a quarter of the bare call's.
    name: '5-policy pipeline within 4× the bare call',
    numerator: 'success/5-policy pipeline/faultline',
    denominator: 'success/bare async call/bare',
    atLeast: 0.25,
  },
];
