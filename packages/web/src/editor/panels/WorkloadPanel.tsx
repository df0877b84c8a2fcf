import { relativePath, type FieldErrors } from '../../api/errors.js';
import { designSchema, workloadSchema } from '../../forms/schemas.js';
import { SchemaForm } from '../../forms/SchemaForm.js';
import type { DesignDocument } from '../../api/types.js';

type Workload = Record<string, unknown>;

/** The design's run settings and what sends requests to it. */
export function WorkloadPanel(props: {
  document: DesignDocument;
  workload: readonly Workload[];
  services: readonly string[];
  errors: FieldErrors;
  onDesignChange: (args: { settings: Record<string, unknown> }) => void;
  onChange: (args: { workload: Workload[] }) => void;
}) {
  const { workload, errors } = props;
  const top: Record<string, unknown> = {};
  for (const key of Object.keys(designSchema.properties ?? {})) top[key] = props.document[key];
  const errorsOf = (index: number) => {
    const out: Record<string, string> = {};
    for (const [path, message] of Object.entries(errors)) {
      const rel = relativePath(path, `workload[${index}]`);
      if (rel !== undefined) out[rel] = message;
    }
    return out;
  };
  return (
    <section aria-labelledby="workload-title">
      <h2 id="workload-title">Run settings</h2>
      <SchemaForm
        schema={designSchema}
        value={top}
        errors={errors}
        onChange={({ value }) => props.onDesignChange({ settings: value })}
      />
      <h2>Workload</h2>
      {workload.map((w, index) => (
        <fieldset key={index}>
          <legend>Workload {index + 1}</legend>
          <SchemaForm
            schema={workloadSchema}
            value={w}
            services={props.services}
            errors={errorsOf(index)}
            onChange={({ value }) => {
              const next = [...workload];
              next[index] = value;
              props.onChange({ workload: next });
            }}
          />
          <button
            type="button"
            className="button danger small"
            onClick={() => props.onChange({ workload: workload.filter((_, i) => i !== index) })}
          >
            Remove workload {index + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button small"
        onClick={() =>
          props.onChange({ workload: [...workload, { target: props.services[0] ?? '', rate: 100 }] })
        }
      >
        Add a workload
      </button>
    </section>
  );
}
