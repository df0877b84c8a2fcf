import type { RunResult } from '../api/types.js';

interface Variant {
  name: string;
  availability: number;
  p99Ms: number;
  failed: number;
  score: number;
  buys?: { availability: number; p99Ms: number; score: number };
}

/** What users saw in each variant the server ran (with and without resilience, each pattern alone). */
export function VariantsTable({ result }: { result: RunResult }) {
  const variants = (result as RunResult & { comparison?: { variants?: Variant[] } }).comparison?.variants;
  if (!variants?.length) return null;
  return (
    <section className="panel" aria-labelledby="variants-title">
      <h2 id="variants-title" style={{ marginTop: 0 }}>
        With and without resilience
      </h2>
      <p className="muted">
        The same seed and duration with every pattern removed, and with each one removed alone.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col" className="num">
              Availability
            </th>
            <th scope="col" className="num">
              p99 ms
            </th>
            <th scope="col" className="num">
              Failed
            </th>
            <th scope="col" className="num">
              Score
            </th>
            <th scope="col">What the removed patterns buy</th>
          </tr>
        </thead>
        <tbody>
          {variants.map((v) => (
            <tr key={v.name}>
              <th scope="row">{v.name}</th>
              <td className="num">{v.availability}%</td>
              <td className="num">{v.p99Ms}</td>
              <td className="num">{v.failed.toLocaleString()}</td>
              <td className="num">{v.score}</td>
              <td>
                {v.buys
                  ? `${signed(v.buys.availability)} availability points, ${signed(v.buys.p99Ms)} ms of p99, ${signed(v.buys.score)} score`
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** Run A against run B, service by service. */
export function RunVersusRun(props: { a: RunResult; b: RunResult; labelA: string; labelB: string }) {
  const { a, b } = props;
  const names = [...new Set([...Object.keys(a.services), ...Object.keys(b.services)])];
  const errorPct = (r: RunResult, name: string) => {
    const s = r.services[name];
    return s && s.requests ? (s.failed / s.requests) * 100 : undefined;
  };
  const fmt = (n: number | undefined, digits = 2) => (n === undefined ? '—' : n.toFixed(digits));
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col" className="num">
            Errors % {props.labelA}
          </th>
          <th scope="col" className="num">
            Errors % {props.labelB}
          </th>
          <th scope="col" className="num">
            p99 ms {props.labelA}
          </th>
          <th scope="col" className="num">
            p99 ms {props.labelB}
          </th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">score</th>
          <td className="num">{a.score?.value ?? '—'}</td>
          <td className="num">{b.score?.value ?? '—'}</td>
          <td />
          <td />
        </tr>
        {names.map((name) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="num">{fmt(errorPct(a, name))}</td>
            <td className="num">{fmt(errorPct(b, name))}</td>
            <td className="num">{fmt(a.services[name]?.latencyMs.p99, 1)}</td>
            <td className="num">{fmt(b.services[name]?.latencyMs.p99, 1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
