import { useState } from 'react';
import { injectFault, type InjectFault } from '../api/live.js';
import type { FaultType } from '../api/types.js';
import { checkValue } from '../forms/values.js';

/** The fault types when the server does not list them (an older server): the design file's six. */
export const FALLBACK_FAULT_TYPES: readonly FaultType[] = [
  ['crash', 'instances go down: calls to them fail as unavailable'],
  ['latency', 'every request to the target takes longer'],
  ['error', 'the target fails a share of requests'],
  ['exhaustion', "a share of the target's workers is held busy"],
  ['partition', 'two groups of services cannot reach each other'],
  ['packet-loss', 'messages on one call are lost and sent again'],
].map(([type, description]) => ({
  type: type as string,
  description: description as string,
  parameters: [],
  intensity: type === 'partition' ? null : { parameter: '', rule: '' },
}));

/** One card per fault type: what it hits, how hard, for how long, and Inject. */
export function ChaosControls(props: {
  sessionId: string;
  faultTypes: readonly FaultType[];
  services: readonly string[];
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
  onInjected: () => void;
  onError: (error: unknown) => void;
}) {
  const { faultType: ft, services } = props;
  const id = `chaos-${ft.type}`;
  const [target, setTarget] = useState(services[services.length - 1] ?? '');
  const [to, setTo] = useState(services[services.length - 1] ?? '');
  const [from, setFrom] = useState(services[0] ?? '');
  const [intensity, setIntensity] = useState(ft.type === 'crash' ? 1 : 0.5);
  const [duration, setDuration] = useState('30s');
  const durationProblem = checkValue({ format: 'duration' }, duration);
  const partition = ft.type === 'partition';
  const packetLoss = ft.type === 'packet-loss';
  const inject = async () => {
    const fault: InjectFault = partition
      ? { type: ft.type, between: [[from], [to]], intensity, duration }
      : packetLoss
        ? ({ type: ft.type, from, to, intensity, duration } as InjectFault)
        : { type: ft.type, target, intensity, duration };
    try {
      await injectFault({ sessionId: props.sessionId, fault });
      props.onInjected();
    } catch (e) {
      props.onError(e);
    }
  };
  const select = (label: string, value: string, set: (v: string) => void) => (
    <>
      <label htmlFor={`${id}-${label}`}>{label}</label>
      <select id={`${id}-${label}`} value={value} onChange={(e) => set(e.target.value)}>
        {services.map((s) => (
          <option key={s}>{s}</option>
        ))}
      </select>
    </>
  );
  return (
    <form
      className="panel"
      aria-labelledby={`${id}-title`}
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
        {partition || packetLoss ? (
          <>
            {select(partition ? 'side A' : 'from', from, setFrom)}
            {select(partition ? 'side B' : 'to', to, setTo)}
          </>
        ) : (
          select('target', target, setTarget)
        )}
        {ft.intensity && (
          <>
            <label htmlFor={`${id}-intensity`}>intensity</label>
            <input
              id={`${id}-intensity`}
              type="range"
              min={0.05}
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
          aria-invalid={durationProblem ? true : undefined}
          onChange={(e) => setDuration(e.target.value)}
        />
        {durationProblem && <span className="error">{durationProblem}</span>}
      </div>
      <button type="submit" className="button danger" disabled={!!durationProblem}>
        Inject {ft.type}
      </button>
    </form>
  );
}
