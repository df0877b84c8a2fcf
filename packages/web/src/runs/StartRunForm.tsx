import { useState } from 'react';
import { fieldErrorsOf } from '../api/errors.js';
import { startRun } from '../api/runs.js';
import type { Run } from '../api/types.js';
import { checkValue } from '../forms/values.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';

/** Starts a run: seed, duration, and whether to compare with the design stripped of its resilience. */
export function StartRunForm(props: { designId: string; onStarted: (args: { run: Run }) => void }) {
  const [seed, setSeed] = useState('');
  const [duration, setDuration] = useState('');
  const [compare, setCompare] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const seedProblem = seed === '' ? undefined : checkValue({ type: 'integer', minimum: 0 }, Number(seed));
  const durationProblem = duration === '' ? undefined : checkValue({ format: 'duration' }, duration);
  const server = fieldErrorsOf(error);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const run = await startRun({
        designId: props.designId,
        params: {
          ...(seed === '' ? {} : { seed: Number(seed) }),
          ...(duration === '' ? {} : { duration }),
          compare,
        },
      });
      props.onStarted({ run });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const seedError = seedProblem ?? server['seed'];
  const durationError = durationProblem ?? server['duration'];
  return (
    <form
      className="panel"
      aria-labelledby="start-run-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="start-run-title" style={{ marginTop: 0 }}>
        Start a run
      </h2>
      <div className="row">
        <label htmlFor="run-seed">Seed</label>
        <input
          id="run-seed"
          inputMode="numeric"
          placeholder="the design's"
          value={seed}
          style={{ width: '8rem' }}
          aria-invalid={seedError ? true : undefined}
          aria-describedby={seedError ? 'run-seed-error' : undefined}
          onChange={(e) => setSeed(e.target.value)}
        />
        <label htmlFor="run-duration">Duration</label>
        <input
          id="run-duration"
          placeholder="the design's, e.g. 120s"
          value={duration}
          style={{ width: '10rem' }}
          aria-invalid={durationError ? true : undefined}
          aria-describedby={durationError ? 'run-duration-error' : undefined}
          onChange={(e) => setDuration(e.target.value)}
        />
        <label>
          <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} /> Compare
          with and without resilience
        </label>
        <button type="submit" className="button" disabled={busy || !!seedProblem || !!durationProblem}>
          {busy ? 'Starting…' : 'Run'}
        </button>
      </div>
      {seedError && (
        <p id="run-seed-error" className="form-error" role="alert">
          seed: {seedError}
        </p>
      )}
      {durationError && (
        <p id="run-duration-error" className="form-error" role="alert">
          duration: {durationError}
        </p>
      )}
      {error && !seedError && !durationError ? <ErrorBanner error={error} /> : null}
    </form>
  );
}
