import { useCallback, useEffect, useState } from 'react';
import {
  controlLive,
  haltFaults,
  healFault,
  listFaultTypes,
  liveReport,
  setLiveSpeed,
  type LiveEvent,
  type LiveReport,
} from '../api/live.js';
import { openStream } from '../api/stream.js';
import type { FaultType } from '../api/types.js';
import { formatMs } from '../forms/values.js';
import { ErrorBanner } from '../ui/ErrorBanner.js';
import { ChaosControls, FALLBACK_FAULT_TYPES } from './ChaosControls.js';
import { appendHistory, instancesUp, type Histories } from './health.js';
import { viewOf, type LiveView } from './normalize.js';
import { PartitionView, RecoveryView } from './RecoveryView.js';
import { ServiceTile } from './ServiceTile.js';
import { SpeedInput } from './SpeedInput.js';

const BREAKER_LABEL: Readonly<Record<string, string>> = {
  closed: 'closed',
  open: 'open',
  halfOpen: 'half-open',
};

/** Instances per service, from the design document (default 1). */
export function instancesOf(document: Record<string, unknown> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  const services = (document?.['services'] ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, s] of Object.entries(services))
    out[name] = typeof s['instances'] === 'number' ? s['instances'] : 1;
  return out;
}

/** A running (or ended) live session: tiles, breakers, chaos controls, recovery, partitions. */
export function LiveSessionView(props: {
  sessionId: string;
  designName: string | undefined;
  instances: Record<string, number>;
}) {
  const { sessionId } = props;
  const [now, setNow] = useState<LiveView>();
  const [status, setStatus] = useState<string>();
  const [histories, setHistories] = useState<Histories>({});
  const [connected, setConnected] = useState(false);
  const [report, setReport] = useState<LiveReport>();
  const [faultTypes, setFaultTypes] = useState<readonly FaultType[]>(FALLBACK_FAULT_TYPES);
  const [error, setError] = useState<unknown>();
  const [speed, setSpeed] = useState<number>();

  const refreshReport = useCallback(() => {
    liveReport(sessionId).then(setReport, () => undefined);
  }, [sessionId]);

  useEffect(() => {
    listFaultTypes().then(
      (types) => types.length && setFaultTypes(types),
      () => undefined,
    );
    const stream = openStream<LiveEvent>({
      path: `/live/${encodeURIComponent(sessionId)}/stream`,
      onMessage: ({ message }) => {
        switch (message.type) {
          case 'snapshot': {
            const view = viewOf(message);
            setNow(view);
            setStatus(view.status);
            setHistories((h) => appendHistory(h, view));
            return;
          }
          case 'status':
            setStatus(message.session.status);
            if (message.session.now) setNow(viewOf(message.session.now));
            return;
          case 'fault':
            refreshReport();
            return;
          case 'error':
            setError(new Error(message.error.message));
        }
      },
      onState: ({ connected: c }) => setConnected(c),
    });
    return () => stream.close();
  }, [sessionId, refreshReport]);

  useEffect(() => {
    refreshReport();
    const timer = setInterval(refreshReport, 2000);
    return () => clearInterval(timer);
  }, [refreshReport]);

  const act = (work: Promise<unknown>) => work.then(refreshReport, setError);
  const services = Object.keys(now?.services ?? {});
  const paused = status === 'paused';
  const stopped = status === 'stopped' || status === 'interrupted';
  const active = (now?.faults ?? []).filter((f) => f.healedAt === null);
  const score = report?.score?.value;

  return (
    <section aria-labelledby="live-title" className="stack">
      <div className="row spread">
        <h1 id="live-title" style={{ margin: 0 }}>
          Live: {props.designName ?? '…'}{' '}
          <span className="muted" style={{ fontSize: '1rem' }}>
            {now ? `t = ${formatMs(now.t)} · ${status ?? now.status}` : (status ?? 'connecting…')}
            {!connected && now && !stopped ? ' · reconnecting' : ''}
          </span>
        </h1>
        <div className="row" role="toolbar" aria-label="Session">
          <SpeedInput
            speed={speed ?? now?.speed ?? 1}
            onChange={(s) => {
              setSpeed(s);
              void act(setLiveSpeed({ sessionId, speed: s }));
            }}
          />
          <button
            type="button"
            className="button secondary"
            disabled={stopped}
            onClick={() => void act(controlLive({ sessionId, action: paused ? 'resume' : 'pause' }))}
          >
            {paused ? 'Resume' : 'Pause'}
          </button>
          <button
            type="button"
            className="button ghost"
            disabled={stopped}
            onClick={() => void act(controlLive({ sessionId, action: 'stop' }))}
          >
            Stop
          </button>
          <button
            type="button"
            className="button danger"
            disabled={stopped}
            onClick={() => void act(haltFaults(sessionId))}
          >
            Halt all faults
          </button>
        </div>
      </div>
      <ErrorBanner error={error} onDismiss={() => setError(undefined)} />
      <div className="row" style={{ alignItems: 'stretch' }}>
        <div className="panel" style={{ minWidth: '12rem' }}>
          <h2 style={{ marginTop: 0 }}>Resilience score</h2>
          <div className="live-score" aria-live="polite">
            {score ?? '—'}
          </div>
          <p className="muted" style={{ margin: 0 }}>
            so far, 0–100
          </p>
        </div>
        <div className="panel grow">
          <h2 style={{ marginTop: 0 }}>Breakers</h2>
          <ul
            className="row"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
            aria-label="Circuit breakers"
          >
            {Object.entries(now?.breakers ?? {}).map(([edge, state]) => (
              <li key={edge} className={`breaker ${state}`} data-edge={edge} data-state={state}>
                {edge.replace('->', ' → ')}: {BREAKER_LABEL[state] ?? state}
              </li>
            ))}
            {Object.keys(now?.breakers ?? {}).length === 0 && (
              <li className="muted">No call has a breaker.</li>
            )}
          </ul>
          <h2>Active faults</h2>
          {active.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul>
              {active.map((f) => (
                <li key={f.id}>
                  {f.type} {f.targets.join(', ')} since {formatMs(f.injectedAt)}{' '}
                  <button
                    type="button"
                    className="button ghost small"
                    onClick={() => void act(healFault({ sessionId, faultId: f.id }))}
                  >
                    Heal {f.type} {f.targets.join(', ')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <section aria-labelledby="tiles-title">
        <h2 id="tiles-title">Services</h2>
        <div className="tiles">
          {now &&
            services.map((name) => {
              const service = now.services[name]!;
              const instances = service.instances ?? props.instances[name] ?? 1;
              return (
                <ServiceTile
                  key={name}
                  name={name}
                  service={service}
                  instances={instances}
                  instancesUp={
                    service.instancesUp ?? instancesUp({ instances, service: name, faults: now.faults })
                  }
                  throughput={histories[name]?.throughput ?? []}
                  errors={histories[name]?.errors ?? []}
                />
              );
            })}
        </div>
      </section>
      <section aria-labelledby="chaos-title">
        <h2 id="chaos-title">Chaos controls</h2>
        <ChaosControls
          sessionId={sessionId}
          faultTypes={faultTypes}
          services={services.length ? services : Object.keys(props.instances)}
          disabled={stopped}
          onInjected={refreshReport}
          onError={setError}
        />
      </section>
      <div className="grid-2">
        <section className="panel" aria-labelledby="recovery-title">
          <h2 id="recovery-title" style={{ marginTop: 0 }}>
            Recovery
          </h2>
          <RecoveryView report={report} />
        </section>
        <section className="panel" aria-labelledby="partition-title">
          <h2 id="partition-title" style={{ marginTop: 0 }}>
            Partitions
          </h2>
          <PartitionView report={report} />
        </section>
      </div>
    </section>
  );
}
