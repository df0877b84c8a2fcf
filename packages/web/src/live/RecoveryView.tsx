import type { LiveReport } from '../api/live.js';
import { formatMs } from '../forms/values.js';

const STEPS = [
  ['injectedAt', 'injected'],
  ['detectedAt', 'detected'],
  ['breakerOpenAt', 'breaker open'],
  ['fallbackAt', 'fallback'],
  ['healedAt', 'healed'],
  ['recoveredAt', 'recovered'],
] as const;

/** For each injected fault: injected → detected → breaker open → fallback → healed → recovered, with times. */
export function RecoveryView({ report }: { report: LiveReport | undefined }) {
  const faults = report?.faults ?? [];
  if (faults.length === 0) return <p className="muted">Inject a fault to follow its recovery here.</p>;
  return (
    <ol style={{ paddingLeft: '1.2rem' }}>
      {faults.map((f) => (
        <li key={f.id}>
          <strong>
            {f.type} {f.target}
          </strong>
          <ul className="steps" aria-label={`Recovery of ${f.type} ${f.target}`}>
            {STEPS.map(([key, label]) => {
              const t = f[key];
              const done = typeof t === 'number';
              const since = done ? t - f.injectedAt : undefined;
              return (
                <li key={key} className={done ? 'done' : undefined}>
                  {done ? '✓' : '…'} {label}
                  {since !== undefined && key !== 'injectedAt' ? ` +${formatMs(since)}` : ''}
                </li>
              );
            })}
          </ul>
        </li>
      ))}
    </ol>
  );
}

/** Both sides of each partition: what each could still serve, and the trade-off the numbers show. */
export function PartitionView({ report }: { report: LiveReport | undefined }) {
  const partitions = (report?.faults ?? []).filter((f) => f.partition);
  if (partitions.length === 0) return <p className="muted">No partition injected yet.</p>;
  return (
    <div className="stack">
      {partitions.map((f) => {
        const sides = f.partition?.sides ?? [];
        const best = Math.max(...sides.map((s) => s.availability));
        const worst = Math.min(...sides.map((s) => s.availability));
        return (
          <section key={f.id} className="panel" aria-label={`Partition ${f.target}`}>
            <div className="grid-2">
              {sides.map((side, i) => (
                <div key={i}>
                  <h3>
                    Side {String.fromCharCode(65 + i)}: {side.services.join(', ')}
                  </h3>
                  <p>
                    Availability <strong>{side.availability}%</strong>
                  </p>
                  <p className="muted">
                    Could still serve: {side.served.length ? side.served.join(', ') : 'nothing'}
                  </p>
                </div>
              ))}
            </div>
            <p>
              {best - worst < 1
                ? `Both sides stayed available (${worst}%–${best}%): they answered on their own, so answers across the cut may disagree until it heals — availability was kept, consistency was given up.`
                : `One side fell to ${worst}% while the other kept ${best}%: the side that needed the other refused rather than answer alone — consistency was kept at the cost of availability.`}
            </p>
          </section>
        );
      })}
    </div>
  );
}
