import { useState } from 'react';
import { getDesign } from '../api/designs.js';
import { listRuns } from '../api/runs.js';
import type { Run } from '../api/types.js';
import { hrefOf, navigate } from '../app/router.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { useLoad } from '../ui/useLoad.js';
import { RunView } from './RunView.js';
import { StartRunForm } from './StartRunForm.js';

const STATUS_CLASS: Readonly<Record<string, string>> = {
  succeeded: 'state-closed',
  failed: 'state-open',
  cancelled: 'muted',
  interrupted: 'state-halfOpen',
};

/** A design's runs: start one, follow it, read its results, compare two. */
export function RunsScreen({ designId, runId }: { designId: string; runId?: string | undefined }) {
  const design = useLoad(() => getDesign(designId), [designId]);
  const runs = useLoad(() => listRuns({ designId }), [designId]);
  const [compareWith, setCompareWith] = useState<string>();
  const selected = runId ?? runs.data?.items[0]?.id;
  const onStarted = ({ run }: { run: Run }) => {
    runs.reload();
    navigate({ screen: 'runs', designId, runId: run.id });
  };
  return (
    <section aria-labelledby="runs-title">
      <h1 id="runs-title">Runs of {design.data?.name ?? '…'}</h1>
      <ErrorBanner error={design.error ?? runs.error} />
      <StartRunForm designId={designId} onStarted={onStarted} />
      <div className="row" style={{ alignItems: 'flex-start', marginTop: '1rem' }}>
        <nav className="panel" aria-label="Runs" style={{ width: '17rem', flexShrink: 0 }}>
          <h2 style={{ marginTop: 0 }}>History</h2>
          {runs.data?.items.length === 0 && <p className="muted">No runs yet.</p>}
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {runs.data?.items.map((run) => (
              <li key={run.id} style={{ marginBottom: '0.35rem' }}>
                <a
                  href={hrefOf({ screen: 'runs', designId, runId: run.id })}
                  aria-current={run.id === selected ? 'page' : undefined}
                  style={{ fontWeight: run.id === selected ? 700 : 400 }}
                >
                  {new Date(run.createdAt).toLocaleTimeString()} · v{run.designVersion}
                </a>{' '}
                <span className={STATUS_CLASS[run.status] ?? ''}>{run.status}</span>
                {run.params.compare ? <span className="muted"> · compare</span> : null}
              </li>
            ))}
          </ul>
          {selected && (runs.data?.items.length ?? 0) > 1 && (
            <div style={{ marginTop: '0.75rem' }}>
              <label htmlFor="compare-with">Compare with</label>
              <select
                id="compare-with"
                value={compareWith ?? ''}
                onChange={(e) => setCompareWith(e.target.value || undefined)}
              >
                <option value="">(no other run)</option>
                {runs.data?.items
                  .filter((r) => r.id !== selected && r.hasResult)
                  .map((r) => (
                    <option key={r.id} value={r.id}>
                      {new Date(r.createdAt).toLocaleTimeString()} · v{r.designVersion}
                    </option>
                  ))}
              </select>
            </div>
          )}
        </nav>
        <div className="grow" style={{ minWidth: 0 }}>
          {selected ? (
            <RunView key={selected} runId={selected} compareWith={compareWith} onChanged={runs.reload} />
          ) : (
            <p className="muted">Start a run to see its results here.</p>
          )}
        </div>
      </div>
    </section>
  );
}
