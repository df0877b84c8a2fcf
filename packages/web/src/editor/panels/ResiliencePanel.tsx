import { relativePath, type FieldErrors } from '../../api/errors.js';
import { POLICY_ORDER, POLICY_STARTERS, policySchemas } from '../../forms/schemas.js';
import { SchemaForm } from '../../forms/SchemaForm.js';
import type { Call } from '../document.js';

// `timeout: 1s` and `timeout: { duration: 1s }` mean the same: the form always edits the object,
// and writes the short form back when nothing but the duration is set.
function formValue(key: string, value: unknown): Record<string, unknown> {
  if (key === 'timeout' && (typeof value === 'string' || typeof value === 'number'))
    return { duration: value };
  return (value ?? {}) as Record<string, unknown>;
}
function documentValue(key: string, value: Record<string, unknown>): unknown {
  if (key === 'timeout' && Object.keys(value).length === 1 && value['duration'] !== undefined)
    return value['duration'];
  return value;
}

/** The policies of one call, outer to inner, each switched on or off, with its form. */
export function ResiliencePanel(props: {
  from: string;
  call: Call;
  errors: FieldErrors;
  onChange: (args: { call: Call }) => void;
  onRemove: () => void;
}) {
  const { call, errors } = props;
  const set = (key: string, value: unknown) => {
    const next: Call = { ...call };
    if (value === undefined) delete next[key];
    else next[key] = value;
    props.onChange({ call: next });
  };
  return (
    <section aria-labelledby="call-title">
      <h2 id="call-title">
        Call {props.from} → {call.to}
      </h2>
      <p className="muted">
        Policies apply outer to inner in this order: the fallback answers for whatever fails last.
      </p>
      {POLICY_ORDER.map((key) => {
        const schema = policySchemas[key];
        if (!schema) return null;
        const on = call[key] !== undefined;
        const own = errors[key];
        const nested: Record<string, string> = {};
        for (const [path, message] of Object.entries(errors)) {
          const rel = relativePath(path, key);
          if (rel) nested[rel] = message;
        }
        // A bare `timeout: 1s` is reported at `timeout`: show it on the duration field.
        if (key === 'timeout' && own && !nested['duration']) nested['duration'] = own;
        return (
          <fieldset key={key}>
            <legend>
              <label>
                <input
                  type="checkbox"
                  checked={on}
                  onChange={(e) => set(key, e.target.checked ? POLICY_STARTERS[key] : undefined)}
                />{' '}
                {schema.title}
              </label>
            </legend>
            <p className="muted" style={{ margin: '0 0 0.5rem' }}>
              {schema.description}
            </p>
            {own && key !== 'timeout' && (
              <p className="form-error" role="alert">
                {own}
              </p>
            )}
            {on && (
              <SchemaForm
                schema={schema}
                path=""
                value={formValue(key, call[key])}
                errors={nested}
                onChange={({ value }) => set(key, documentValue(key, value))}
              />
            )}
          </fieldset>
        );
      })}
      <button type="button" className="button danger small" onClick={props.onRemove}>
        Remove this call
      </button>
    </section>
  );
}
