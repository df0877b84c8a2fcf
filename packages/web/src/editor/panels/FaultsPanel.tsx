import { useState } from 'react';
import { relativePath, type FieldErrors } from '../../api/errors.js';
import type { JsonSchema } from '../../api/types.js';
import { faultSchemas as builtIn, faultStarter } from '../../forms/schemas.js';
import { SchemaForm } from '../../forms/SchemaForm.js';
import { FaultTimeline } from './FaultTimeline.js';

type Fault = Record<string, unknown>;

/** Fault injection: the faults on a timeline, a form for the one selected, add and remove. */
export function FaultsPanel(props: {
  faults: readonly Fault[];
  runMs: number;
  services: readonly string[];
  errors: FieldErrors;
  /** The form of each fault type: the server's catalog when it has answered. */
  schemas?: Readonly<Record<string, JsonSchema>>;
  onChange: (args: { faults: Fault[] }) => void;
}) {
  const { faults, runMs, services, errors } = props;
  const faultSchemas = props.schemas ?? builtIn;
  const [selected, setSelected] = useState<number | undefined>(faults.length ? 0 : undefined);
  const [type, setType] = useState('crash');
  const current = selected === undefined ? undefined : faults[selected];
  const replace = (index: number, fault: Fault | undefined) => {
    const next = [...faults];
    if (fault) next[index] = fault;
    else next.splice(index, 1);
    props.onChange({ faults: next });
  };
  const errorsOf = (index: number) => {
    const out: Record<string, string> = {};
    for (const [path, message] of Object.entries(errors)) {
      const rel = relativePath(path, `faults[${index}]`);
      if (rel !== undefined) out[rel || 'type'] = message;
    }
    return out;
  };
  return (
    <section aria-labelledby="faults-title">
      <h2 id="faults-title">Fault injection</h2>
      <FaultTimeline
        faults={faults}
        runMs={runMs}
        selected={selected}
        onSelect={({ index }) => setSelected(index)}
        onMove={({ index, at }) => {
          const fault = faults[index];
          if (fault) replace(index, { ...fault, at: formatAt(at) });
          setSelected(index);
        }}
      />
      <form
        className="row"
        style={{ margin: '0.75rem 0' }}
        onSubmit={(e) => {
          e.preventDefault();
          props.onChange({ faults: [...faults, faultStarter(type, services, runMs / 4)] });
          setSelected(faults.length);
        }}
      >
        <label htmlFor="fault-type">Add a fault</label>
        <select id="fault-type" value={type} onChange={(e) => setType(e.target.value)}>
          {Object.keys(faultSchemas).map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <button type="submit" className="button small">
          Add
        </button>
      </form>
      {faults.map((_, index) =>
        Object.keys(errorsOf(index)).length && index !== selected ? (
          <p className="form-error" key={index} role="alert">
            Fault {index + 1} has a problem:{' '}
            <button type="button" className="button ghost small" onClick={() => setSelected(index)}>
              show it
            </button>
          </p>
        ) : null,
      )}
      {current && selected !== undefined && (
        <fieldset>
          <legend>
            Fault {selected + 1}: {String(current['type'])}
          </legend>
          <SchemaForm
            schema={faultSchemas[String(current['type'])] ?? { type: 'object', properties: {} }}
            value={current}
            services={services}
            errors={errorsOf(selected)}
            onChange={({ value }) => replace(selected, { ...value, type: current['type'] })}
          />
          <button
            type="button"
            className="button danger small"
            onClick={() => {
              replace(selected, undefined);
              setSelected(undefined);
            }}
          >
            Remove this fault
          </button>
        </fieldset>
      )}
    </section>
  );
}

/** `30s` for whole seconds, else milliseconds: what a person would have written. */
function formatAt(ms: number): string | number {
  return ms % 1000 === 0 ? `${ms / 1000}s` : ms;
}
