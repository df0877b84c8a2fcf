import type { RunResult } from '../api/types.js';

const pct = (part: number, whole: number) => (whole === 0 ? '—' : `${((part / whole) * 100).toFixed(2)}%`);
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

const NUMBER_COLUMNS = [
  'Requests',
  'Errors',
  'Timeout',
  'Rejected',
  'Circuit open',
  'Unavailable',
  'Error',
  'Degraded',
  'p50 ms',
  'p95 ms',
  'p99 ms',
] as const;

/** Per service: requests, errors by kind, latency percentiles. */
export function SummaryTable({ result }: { result: RunResult }) {
  return (
    <table>
      <caption className="muted" style={{ textAlign: 'left', paddingBottom: '0.4rem' }}>
        Per service over {Math.round(result.simulatedMs / 1000)} simulated seconds (seed {result.seed})
      </caption>
      <thead>
        <tr>
          <th scope="col">Service</th>
          {NUMBER_COLUMNS.map((column) => (
            <th key={column} scope="col" className="num">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Object.entries(result.services).map(([name, s]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="num">{s.requests.toLocaleString()}</td>
            <td className="num">
              {s.failed.toLocaleString()} <span className="muted">({pct(s.failed, s.requests)})</span>
            </td>
            <td className="num">{s.errors.timeout.toLocaleString()}</td>
            <td className="num">{s.errors.rejected.toLocaleString()}</td>
            <td className="num">{s.errors.circuitOpen.toLocaleString()}</td>
            <td className="num">{s.errors.unavailable.toLocaleString()}</td>
            <td className="num">{s.errors.error.toLocaleString()}</td>
            <td className="num">{s.degraded.toLocaleString()}</td>
            <td className="num">{ms(s.latencyMs.p50)}</td>
            <td className="num">{ms(s.latencyMs.p95)}</td>
            <td className="num">{ms(s.latencyMs.p99)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
