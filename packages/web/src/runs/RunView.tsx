import { useEffect, useState } from 'react';
import { cancelRun, getRun, getTimeline, runReportHtml, type RunEvent } from '../api/runs.js';
import { openStream } from '../api/stream.js';
import type { Run, RunResult, TimelineBucket } from '../api/types.js';
import { formatMs } from '../forms/values.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { BreakerLog } from './BreakerLog.js';
import { TimeSeriesChart } from './charts/TimeSeriesChart.js';
import { RunVersusRun, VariantsTable } from './CompareView.js';
import { ScorePanel } from './ScorePanel.js';
import { SummaryTable } from './SummaryTable.js';

const ACTIVE = new Set(['queued', 'running']);

/** Follows a run while it runs (progress and timeline over the stream), then shows its results. */
export function RunView(props: { runId: string; compareWith?: string | undefined; onChanged: () => void }) {
  const { runId, onChanged } = props;
  const [run, setRun] = useState<Run>();
  const [progress, setProgress] = useState<{
    progress: number;
    simulatedMs: number;
    variant?: string | undefined;
  }>();
  const [live, setLive] = useState<TimelineBucket[]>([]);
  const [result, setResult] = useState<RunResult>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let stream: { close(): void } | undefined;
    let stopped = false;
    const finish = async () => {
      try {
        const latest = await getRun(runId);
        if (stopped) return;
        setRun(latest);
        if (latest.result) {
          const timeline = await getTimeline(runId).catch(() => []);
          if (!stopped) setResult({ ...latest.result, timeline: latest.result.timeline ?? timeline });
        }
        onChanged();
      } catch (e) {
        if (!stopped) setError(e);
      }
    };
    getRun(runId).then(
      (first) => {
        if (stopped) return;
        setRun(first);
        if (!ACTIVE.has(first.status)) {
          void finish();
          return;
        }
        stream = openStream<RunEvent>({
          path: `/runs/${encodeURIComponent(runId)}/stream`,
          onMessage: ({ message }) => {
            if (message.type === 'progress') setProgress(message);
            else if (message.type === 'timeline') setLive((current) => [...current, ...message.buckets]);
            else if (message.type === 'status') {
              setRun(message.run);
              if (!ACTIVE.has(message.run.status)) {
                stream?.close();
                void finish();
              }
            } else if (message.type === 'error') setError(new Error(message.error.message));
          },
        });
      },
      (e: unknown) => !stopped && setError(e),
    );
    return () => {
      stopped = true;
      stream?.close();
    };
  }, [runId, onChanged]);

  const [other, setOther] = useState<RunResult>();
  useEffect(() => {
    setOther(undefined);
    if (!props.compareWith) return;
    getRun(props.compareWith).then((r) => r.result && setOther(r.result), setError);
  }, [props.compareWith]);

  if (error && !run) return <ErrorBanner error={error} />;
  if (!run) return <p aria-live="polite">Loading the run…</p>;
  const active = ACTIVE.has(run.status);
  const shown = result ?? undefined;
  const services = shown ? Object.keys(shown.services) : Object.keys(live[0]?.services ?? {});
  const timeline = shown?.timeline?.length ? shown.timeline : live;
  const endMs =
    shown?.simulatedMs ??
    progress?.simulatedMs ??
    (timeline.length ? (timeline[timeline.length - 1]?.t ?? 0) + 1000 : 0);

  return (
    <article className="stack" aria-labelledby="run-title">
      <div className="row spread">
        <h2 id="run-title" style={{ margin: 0 }}>
          Run {run.id.slice(0, 8)} · <span>{run.status}</span>
        </h2>
        <div className="row">
          {active && (
            <button
              type="button"
              className="button danger small"
              onClick={() => void cancelRun(run.id).then(setRun, setError)}
            >
              Cancel
            </button>
          )}
          {shown && <ExportButtons runId={run.id} result={shown} onError={setError} />}
        </div>
      </div>
      <ErrorBanner error={error} onDismiss={() => setError(undefined)} />
      {run.error && <div className="banner bad">{run.error}</div>}
      {active && (
        <div aria-live="polite">
          <div
            className="progress"
            role="progressbar"
            aria-label="Run progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round((progress?.progress ?? run.progress) * 100)}
          >
            <div style={{ width: `${(progress?.progress ?? run.progress) * 100}%` }} />
          </div>
          <p className="muted">
            {run.status === 'queued'
              ? 'Waiting for a worker…'
              : `${Math.round((progress?.progress ?? run.progress) * 100)}%`}
            {progress && ` · ${formatMs(progress.simulatedMs)} simulated`}
            {progress?.variant && ` · running ${progress.variant}`}
          </p>
        </div>
      )}
      {shown && (
        <div className="panel">
          <ScorePanel result={shown} />
        </div>
      )}
      {shown && (
        <div className="panel" style={{ overflowX: 'auto' }}>
          <h2 style={{ marginTop: 0 }}>Services</h2>
          <SummaryTable result={shown} />
        </div>
      )}
      {timeline.length > 0 && (
        <div className="panel">
          <h2 style={{ marginTop: 0 }}>Over time</h2>
          <p className="muted">
            Fault windows are shaded; breaker open (red) and half-open (amber) periods run along the bottom.
          </p>
          {(['throughput', 'errorRate', 'p99'] as const).map((measure) => (
            <TimeSeriesChart
              key={measure}
              measure={measure}
              timeline={timeline}
              services={services}
              faults={shown?.faults ?? []}
              breakers={shown?.breakers ?? []}
              endMs={endMs}
            />
          ))}
        </div>
      )}
      {shown && (
        <div className="panel">
          <h2 style={{ marginTop: 0 }}>Breaker transitions</h2>
          <BreakerLog breakers={shown.breakers} />
        </div>
      )}
      {shown && <VariantsTable result={shown} />}
      {shown && other && (
        <div className="panel">
          <h2 style={{ marginTop: 0 }}>This run against the other</h2>
          <RunVersusRun a={shown} b={other} labelA="this" labelB="other" />
        </div>
      )}
    </article>
  );
}

function ExportButtons(props: { runId: string; result: RunResult; onError: (e: unknown) => void }) {
  const save = (text: string, type: string, name: string) => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type }));
    a.download = name;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  return (
    <>
      <button
        type="button"
        className="button secondary small"
        onClick={() =>
          save(JSON.stringify(props.result, null, 2), 'application/json', `run-${props.runId}.json`)
        }
      >
        Export JSON
      </button>
      <button
        type="button"
        className="button secondary small"
        onClick={() =>
          void runReportHtml(props.runId).then(
            (html) => save(html, 'text/html', `run-${props.runId}.html`),
            props.onError,
          )
        }
      >
        HTML report
      </button>
    </>
  );
}
