import { useState } from 'react';
import type { FieldErrors } from '../../api/errors.js';
import { serviceSchema } from '../../forms/schemas.js';
import { SchemaForm } from '../../forms/SchemaForm.js';
import type { CallRef, Service } from '../document.js';

/** A service's settings: rename, instances, workers, queue, latency, errors, load balancer; its calls. */
export function ServicePanel(props: {
  name: string;
  service: Service;
  calls: readonly CallRef[];
  errors: FieldErrors;
  names: readonly string[];
  onChange: (args: { settings: Record<string, unknown> }) => void;
  onRename: (args: { to: string }) => void;
  onRemove: () => void;
  onSelectCall: (args: { path: string }) => void;
}) {
  const [newName, setNewName] = useState(props.name);
  const nameProblem =
    newName === props.name
      ? undefined
      : !/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(newName)
        ? 'expected letters, digits, - and _, starting with a letter'
        : props.names.includes(newName)
          ? `a service named ${newName} exists`
          : undefined;
  const { calls: _calls, ...settings } = props.service;
  return (
    <section aria-labelledby="service-title">
      <h2 id="service-title">Service {props.name}</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!nameProblem && newName !== props.name) props.onRename({ to: newName });
        }}
      >
        <label htmlFor="service-name">Name</label>
        <input
          id="service-name"
          value={newName}
          aria-invalid={nameProblem ? true : undefined}
          aria-describedby={nameProblem ? 'service-name-error' : undefined}
          onChange={(e) => setNewName(e.target.value)}
        />
        <button
          type="submit"
          className="button small secondary"
          disabled={!!nameProblem || newName === props.name}
        >
          Rename
        </button>
        {nameProblem && (
          <span id="service-name-error" className="form-error" role="alert">
            {nameProblem}
          </span>
        )}
      </form>
      <SchemaForm
        schema={serviceSchema}
        value={settings}
        errors={props.errors}
        onChange={({ value }) => props.onChange({ settings: value })}
      />
      <h3>Calls</h3>
      {props.calls.length === 0 ? (
        <p className="muted">None: drag from this service's right edge to another service to draw one.</p>
      ) : (
        <ul>
          {props.calls.map((c) => (
            <li key={c.path}>
              <button
                type="button"
                className="button ghost small"
                onClick={() => props.onSelectCall({ path: c.path })}
              >
                → {c.to}: resilience
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button danger small" onClick={props.onRemove}>
        Remove {props.name}
      </button>
    </section>
  );
}
