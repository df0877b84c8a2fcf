import type { FaultOutcome, LiveReport } from '../api/live.js';
import { formatMs } from '../forms/values.js';

/**
 * The steps from injection to recovery, each with its time after injection (null: not reached).
 * The server counts recovery from the healing (how long users took to get back to normal once
 * the fault was gone): that time is kept as `sinceHealedMs`.
 */
export function recoverySteps(
  f: FaultOutcome,
): { label: string; afterMs: number | null; sinceHealedMs?: number }[] {
  const healedAfter = f.healedAt === null ? null : f.healedAt - f.injectedAt;
  return [
    { label: 'injected', afterMs: 0 },
    { label: 'detected', afterMs: f.detectedAfterMs },
    {
      label: f.breakerEdge ? `breaker ${f.breakerEdge} open` : 'breaker open',
      afterMs: f.breakerOpenAfterMs,
    },
    { label: 'healed', afterMs: healedAfter },
    healedAfter !== null && f.recoveredAfterMs !== null
      ? { label: 'recovered', afterMs: healedAfter + f.recoveredAfterMs, sinceHealedMs: f.recoveredAfterMs }
      : { label: 'recovered', afterMs: null },
  ];
}

/** For each injected fault: injected → detected → breaker open → healed → recovered, with times. */
export function RecoveryView({ report }: { report: LiveReport | undefined }) {
  const faults = report?.faults ?? [];
  if (faults.length === 0) return <p className="muted">Inject a fault to follow its recovery here.</p>;
  return (
    <ol style={{ paddingLeft: '1.2rem' }}>
      {faults.map((f) => (
        <li key={f.id}>
          <strong>
            {f.type} {f.targets.join(', ')}
          </strong>{' '}
          <span className="muted">at {formatMs(f.injectedAt)}</span>
          <ul className="steps" aria-label={`Recovery from ${f.type} ${f.targets.join(', ')}`}>
            {recoverySteps(f).map((step) => (
              <li key={step.label} className={step.afterMs === null ? undefined : 'done'}>
                {step.afterMs === null ? '…' : '✓'} {step.label}
                {step.afterMs !== null && step.afterMs > 0 ? ` +${formatMs(step.afterMs)}` : ''}
                {step.sinceHealedMs !== undefined ? ` (${formatMs(step.sinceHealedMs)} after healing)` : ''}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

/** The consistency/availability trade-off a partition showed, in words, from the measured availability of each side. */
export function tradeOff(sides: readonly { availability: number | null }[]): string {
  const values = sides.map((s) => s.availability).filter((a): a is number => a !== null);
  if (values.length < 2) return 'Not enough traffic on both sides yet to say.';
  const best = Math.max(...values);
  const worst = Math.min(...values);
  if (worst >= 99) {
    return `Both sides stayed available (${worst}% and above): each answered on its own, so answers across the cut can disagree until it heals — availability kept, consistency given up.`;
  }
  return `One side fell to ${worst}% while the other kept ${best}%: requests that needed the far side failed rather than answer without it — consistency kept, availability given up.`;
}

/** Both sides of each partition: what each could still serve, and the trade-off the numbers show. */
export function PartitionView({ report }: { report: LiveReport | undefined }) {
  const partitions = (report?.faults ?? []).filter((f) => f.sides && f.sides.length > 0);
  if (partitions.length === 0) return <p className="muted">No partition injected yet.</p>;
  return (
    <div className="stack">
      {partitions.map((f) => {
        const sides = f.sides ?? [];
        return (
          <section key={f.id} aria-label={`Partition at ${formatMs(f.injectedAt)}`}>
            <div className="grid-2">
              {sides.map((side, i) => (
                <div key={i}>
                  <h3>
                    Side {String.fromCharCode(65 + i)}: {side.services.join(', ')}
                  </h3>
                  <p>
                    Availability <strong>{side.availability === null ? '—' : `${side.availability}%`}</strong>{' '}
                    <span className="muted">
                      ({side.ok.toLocaleString()} ok, {side.failed.toLocaleString()} failed)
                    </span>
                  </p>
                  <p className="muted">
                    Healthy every second of it: {side.healthy.length ? side.healthy.join(', ') : 'none'}
                  </p>
                </div>
              ))}
            </div>
            <p>{tradeOff(sides)}</p>
          </section>
        );
      })}
    </div>
  );
}
