import type { BreakerTransition } from '../api/types.js';
import { formatMs } from '../forms/values.js';

const LABELS: Readonly<Record<string, string>> = {
  closed: 'closed',
  open: 'open',
  halfOpen: 'half-open',
  isolated: 'isolated',
  disabled: 'disabled',
};

/** Every circuit breaker state change, in time order. */
export function BreakerLog({ breakers }: { breakers: readonly BreakerTransition[] }) {
  if (breakers.length === 0) return <p className="muted">No breaker changed state.</p>;
  return (
    <div style={{ maxHeight: '18rem', overflowY: 'auto' }}>
      <table>
        <thead>
          <tr>
            <th scope="col" className="num">
              Time
            </th>
            <th scope="col">Call</th>
            <th scope="col">Moved to</th>
          </tr>
        </thead>
        <tbody>
          {breakers.map((b, i) => (
            <tr key={i}>
              <td className="num">{formatMs(b.t)}</td>
              <td>
                <code>{b.edge}</code>
                {b.instance !== undefined && (
                  <span className="muted">
                    {' '}
                    · {b.edge.split('->')[0]} instance {b.instance + 1}
                  </span>
                )}
              </td>
              <td className={`state-${b.state}`}>{LABELS[b.state] ?? b.state}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
