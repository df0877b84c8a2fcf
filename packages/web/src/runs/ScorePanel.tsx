import type { RunResult } from '../api/types.js';
import { formatMs } from '../forms/values.js';

interface ScorePart {
  weight: number;
  points: number;
  explanation: string;
}
type Parts = Partial<Record<'availability' | 'recovery' | 'blastRadius', ScorePart | null>>;

const TITLES = { availability: 'Availability', recovery: 'Recovery', blastRadius: 'Blast radius' } as const;

/** The resilience score and each of its parts, with what was measured and how it became points. */
export function ScorePanel({ result }: { result: RunResult }) {
  const score = result.score;
  if (!score) return <p className="muted">This run has no score.</p>;
  const parts = (score as typeof score & { parts?: Parts }).parts;
  const fallback: Record<keyof typeof TITLES, string> = {
    availability: `${score.availability}% of user requests succeeded.`,
    recovery: `Users were back to normal ${formatMs(score.recoveryMs)} after the last fault ended.`,
    blastRadius: `${Math.round(score.blastRadius * 100)}% of services failed users while a fault was active.`,
  };
  return (
    <section aria-labelledby="score-title">
      <h2 id="score-title">Resilience score</h2>
      <div className="row">
        <div className="score" aria-label={`score ${score.value} out of 100`}>
          {score.value}
          <span className="muted" style={{ fontSize: '1rem' }}>
            /100
          </span>
        </div>
        <dl className="grow">
          {(Object.keys(TITLES) as (keyof typeof TITLES)[]).map((key) => {
            const part = parts?.[key];
            if (parts && part === null) return null;
            return (
              <div key={key} style={{ marginBottom: '0.4rem' }}>
                <dt>
                  <strong>{TITLES[key]}</strong>
                  {part && (
                    <span className="muted">
                      {' '}
                      — {Math.round(part.points * part.weight * 100)} of {Math.round(part.weight * 100)}{' '}
                      points
                    </span>
                  )}
                </dt>
                <dd style={{ margin: 0 }}>{part?.explanation ?? fallback[key]}</dd>
              </div>
            );
          })}
        </dl>
      </div>
      {result.slo && (
        <p className={result.slo.met ? 'state-closed' : 'state-open'}>
          SLO {result.slo.met ? 'met' : 'missed'}
          {result.slo.availability &&
            `: availability ${result.slo.availability.actual}% against ${result.slo.availability.target}%`}
          {result.slo.latencyP99 &&
            `, p99 ${result.slo.latencyP99.actualMs} ms against ${result.slo.latencyP99.targetMs} ms`}
        </p>
      )}
    </section>
  );
}
