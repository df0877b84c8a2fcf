import { useState } from 'react';
import { injectFault } from '../api/live.js';
import type { FaultParameter, FaultType } from '../api/types.js';
import { checkValue } from '../forms/values.js';

const service = (name: string): FaultParameter => ({
  name,
  kind: 'service',
  required: true,
  description: '',
});

/** The fault types when the server does not list them (an older server): the design file's six. */
export const FALLBACK_FAULT_TYPES: readonly FaultType[] = [
  {
    type: 'crash',
    description: 'instances go down: calls to them fail as unavailable',
    parameters: [service('target')],
    intensity: { parameter: 'instances', rule: '' },
  },
  {
    type: 'latency',
    description: 'every request to the target takes longer',
    parameters: [service('target')],
    intensity: { parameter: 'delay', rule: '' },
  },
  {
    type: 'error',
    description: 'the target fails a share of requests',
    parameters: [service('target')],
    intensity: { parameter: 'rate', rule: '' },
  },
  {
    type: 'exhaustion',
    description: "a share of the target's resource is taken away",
    parameters: [
      service('target'),
      {
        name: 'resource',
        kind: 'choice',
        required: true,
        description: '',
        choices: ['workers', 'cpu', 'memory', 'connections'],
      },
    ],
    intensity: { parameter: 'fraction', rule: '' },
  },
  {
    type: 'partition',
    description: 'two groups of services cannot reach each other',
    parameters: [{ name: 'between', kind: 'service-groups', required: true, description: '' }],
    intensity: null,
  },
  {
    type: 'packet-loss',
    description: 'messages on one call are lost and sent again',
    parameters: [service('from'), service('to')],
    intensity: { parameter: 'rate', rule: '' },
  },
];

/**
 * The request body for an injection: the required parameters the card asks for, intensity for
 * the one it scales, and the duration. Everything else keeps the server's defaults.
 */
export function faultRequest(args: {
  faultType: FaultType;
  values: Readonly<Record<string, string>>;
  intensity: number;
  duration: string;
}): Record<string, unknown> & { type: string } {
  const { faultType: ft, values } = args;
  const body: Record<string, unknown> & { type: string } = { type: ft.type };
  for (const p of asked(ft)) {
    if (p.kind === 'service-groups') body[p.name] = [[values[`${p.name}.a`]], [values[`${p.name}.b`]]];
    else body[p.name] = values[p.name];
  }
  if (ft.intensity) body['intensity'] = args.intensity;
  if (args.duration.trim()) body['duration'] = args.duration.trim();
  return body;
}

/** The parameters a card asks for: required ones that intensity does not set. */
function asked(ft: FaultType): FaultParameter[] {
  return ft.parameters.filter(
    (p) =>
      p.required &&
      p.name !== ft.intensity?.parameter &&
      ['service', 'service-groups', 'choice'].includes(p.kind),
  );
}

/** One card per fault type: what it hits, how hard, for how long, and Inject. */
export function ChaosControls(props: {
  sessionId: string;
  faultTypes: readonly FaultType[];
  services: readonly string[];
  disabled?: boolean;
  onInjected: () => void;
  onError: (error: unknown) => void;
}) {
  return (
    <div className="tiles">
      {props.faultTypes.map((ft) => (
        <FaultCard key={ft.type} {...props} faultType={ft} />
      ))}
    </div>
  );
}

function FaultCard(props: {
  sessionId: string;
  faultType: FaultType;
  services: readonly string[];
  disabled?: boolean;
  onInjected: () => void;
  onError: (error: unknown) => void;
}) {
  const { faultType: ft, services } = props;
  const id = `chaos-${ft.type}`;
  const last = services[services.length - 1] ?? '';
  const first = services[0] ?? '';
  const initial: Record<string, string> = {};
  for (const p of asked(ft)) {
    if (p.kind === 'service') initial[p.name] = p.name === 'from' ? first : last;
    else if (p.kind === 'service-groups')
      Object.assign(initial, { [`${p.name}.a`]: first, [`${p.name}.b`]: last });
    else if (p.kind === 'choice') initial[p.name] = p.choices?.[0] ?? '';
  }
  const [values, setValues] = useState(initial);
  const [intensity, setIntensity] = useState(ft.type === 'crash' ? 1 : 0.5);
  const [duration, setDuration] = useState('30s');
  const durationProblem = duration.trim() ? checkValue({ format: 'duration' }, duration.trim()) : undefined;
  const value = (key: string) => values[key] ?? (key.endsWith('.a') ? first : key.endsWith('.b') ? last : '');
  const set = (key: string, v: string) => setValues((current) => ({ ...current, [key]: v }));
  const select = (key: string, label: string, options: readonly string[]) => (
    <>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={value(key)} onChange={(e) => set(key, e.target.value)}>
        {options.map((s) => (
          <option key={s}>{s}</option>
        ))}
      </select>
    </>
  );
  const inject = async () => {
    try {
      await injectFault({
        sessionId: props.sessionId,
        fault: faultRequest({ faultType: ft, values, intensity, duration }),
      });
      props.onInjected();
    } catch (e) {
      props.onError(e);
    }
  };
  return (
    <form
      className="panel"
      aria-labelledby={`${id}-title`}
      // The card checks its own fields and says why; the browser's bubbles would say it again.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!durationProblem) void inject();
      }}
    >
      <h3 id={`${id}-title`} style={{ marginTop: 0 }}>
        {ft.type}
      </h3>
      <p className="muted" style={{ marginTop: 0, fontSize: '0.85rem' }}>
        {ft.description}
      </p>
      <div className="field" style={{ gridTemplateColumns: '6rem 1fr' }}>
        {asked(ft).map((p) =>
          p.kind === 'service-groups' ? (
            <span key={p.name} style={{ display: 'contents' }}>
              {select(`${p.name}.a`, 'side A', services)}
              {select(`${p.name}.b`, 'side B', services)}
            </span>
          ) : (
            <span key={p.name} style={{ display: 'contents' }}>
              {select(p.name, p.name, p.kind === 'choice' ? (p.choices ?? []) : services)}
            </span>
          ),
        )}
        {ft.intensity && (
          <>
            <label htmlFor={`${id}-intensity`}>intensity</label>
            <input
              id={`${id}-intensity`}
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={intensity}
              aria-valuetext={`${Math.round(intensity * 100)}%`}
              title={ft.intensity.rule}
              onChange={(e) => setIntensity(Number(e.target.value))}
            />
          </>
        )}
        <label htmlFor={`${id}-duration`}>duration</label>
        <input
          id={`${id}-duration`}
          value={duration}
          placeholder="until healed"
          aria-invalid={durationProblem ? true : undefined}
          onChange={(e) => setDuration(e.target.value)}
        />
        {durationProblem && <span className="error">{durationProblem}</span>}
      </div>
      <button type="submit" className="button danger" disabled={!!durationProblem || props.disabled}>
        Inject {ft.type}
      </button>
    </form>
  );
}
