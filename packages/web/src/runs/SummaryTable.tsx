import type { RunResult } from '../api/types.js';

const pct = (part: number, whole: number) => (whole === 0 ? '—' : `${((part / whole) * 100).toFixed(2)}%`);
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

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
          <th scope="col" className="num">
            Requests
          </th>
          <th scope="col" className="num">
            Errors
          </th>
          <th scope="col" className="num">
            Timeout
          </th>
          <th scope="col" className="num">
            Rejected
          </th>
          <th scope="col" className="num">
            Circuit open
          </th>
          <th scope="col" className="num">
            Unavailable
          </th>
          <th scope="col" className="num">
            Error
          </th>
          <th scope="col" className="num">
            Degraded
          </th>
          <th scope="col" className="num">
            p50 ms
          </th>
          <th scope="col" className="num">
            p95 ms
          </th>
          <th scope="col" className="num">
            p99 ms
          </th>
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
