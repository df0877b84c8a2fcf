import { useEffect, useId, useState } from 'react';
import type { FieldErrors } from '../api/errors.js';
import type { JsonSchema } from '../api/types.js';
import { checkValue, typesOf, valueFromInput } from './values.js';

/** What a SchemaForm is given. */
export interface SchemaFormProps {
  readonly schema: JsonSchema;
  readonly value: Readonly<Record<string, unknown>>;
  /** Receives the whole new object; keys left empty are removed, so their defaults apply. */
  readonly onChange: (args: { value: Record<string, unknown> }) => void;
  /** Messages by path relative to this form (`backoff.initial`), from the server or a local check. */
  readonly errors?: FieldErrors;
  /** Service names, for fields that name a service. */
  readonly services?: readonly string[];
  /** Prefixes ids and paths of nested forms. */
  readonly path?: string;
}

/** A form for an object described by a JSON Schema: one labelled field per property, defaults shown, messages beside each field. */
export function SchemaForm(props: SchemaFormProps) {
  const { schema, value, onChange, errors = {}, services = [], path = '' } = props;
  const set = (key: string, next: unknown) => {
    const copy: Record<string, unknown> = { ...value };
    if (next === undefined) delete copy[key];
    else copy[key] = next;
    onChange({ value: copy });
  };
  return (
    <div className="schema-form">
      {Object.entries(schema.properties ?? {}).map(([key, child]) => {
        const childPath = path ? `${path}.${key}` : key;
        if (child.type === 'object' && child.properties) {
          const nested = (value[key] ?? {}) as Record<string, unknown>;
          return (
            <fieldset key={key}>
              <legend>{child.title ?? key}</legend>
              <SchemaForm
                schema={child}
                value={nested}
                path={childPath}
                services={services}
                errors={errors}
                onChange={({ value: next }) => set(key, Object.keys(next).length ? next : undefined)}
              />
            </fieldset>
          );
        }
        return (
          <Field
            key={key}
            name={key}
            path={childPath}
            schema={child}
            value={value[key]}
            required={schema.required?.includes(key) ?? false}
            error={errors[childPath]}
            services={services}
            onChange={(next) => set(key, next)}
          />
        );
      })}
    </div>
  );
}

interface FieldProps {
  readonly name: string;
  readonly path: string;
  readonly schema: JsonSchema;
  readonly value: unknown;
  readonly required: boolean;
  readonly error: string | undefined;
  readonly services: readonly string[];
  readonly onChange: (value: unknown) => void;
}

function Field(props: FieldProps) {
  const { name, schema, value, required, services, onChange } = props;
  const id = useId();
  const local = checkValue(schema, value);
  const error = props.error ?? local ?? (required && value === undefined ? 'required' : undefined);
  const describedBy = [schema.description ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    'aria-required': required || undefined,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>
        {name}
        {required ? ' *' : ''}
      </label>
      <Control schema={schema} value={value} services={services} onChange={onChange} common={common} />
      {schema.description && (
        <span className="hint" id={`${id}-hint`}>
          {schema.description}
          {schema.default !== undefined ? ` (default ${String(schema.default)})` : ''}
        </span>
      )}
      {error && (
        <span className="error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

type Common = Record<string, unknown> & { id: string };

function Control(props: {
  schema: JsonSchema;
  value: unknown;
  services: readonly string[];
  onChange: (value: unknown) => void;
  common: Common;
}) {
  const { schema, value, services, onChange, common } = props;
  if (schema.format === 'distribution')
    return <DistributionInput value={value} onChange={onChange} common={common} />;
  if (schema.format === 'groups') return <GroupsInput value={value} onChange={onChange} common={common} />;
  if (schema.format === 'service') {
    return (
      <select
        {...common}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">(choose a service)</option>
        {services.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
        {typeof value === 'string' && value && !services.includes(value) && (
          <option value={value}>{value}</option>
        )}
      </select>
    );
  }
  if (schema.enum) {
    return (
      <select
        {...common}
        value={value === undefined ? '' : String(value)}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">
          {schema.default !== undefined ? `default (${String(schema.default)})` : '(not set)'}
        </option>
        {schema.enum.map((option) => (
          <option key={String(option)} value={String(option)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  }
  if (typesOf(schema).includes('boolean')) {
    return (
      <input
        {...common}
        type="checkbox"
        checked={value === true || (value === undefined && schema.default === true)}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  }
  return <TextInput schema={schema} value={value} onChange={onChange} common={common} />;
}

/** Keeps what the user typed ("1." on the way to "1.5") while the value follows it. */
function TextInput(props: {
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  common: Common;
}) {
  const { schema, value, onChange, common } = props;
  const shown = value === undefined ? '' : String(value);
  const [text, setText] = useState(shown);
  useEffect(() => {
    // Follow changes made elsewhere (undo, reload) without fighting the user's typing.
    setText((current) => (valueFromInput(schema, current) === value ? current : shown));
  }, [schema, shown, value]);
  const numeric =
    schema.format !== 'duration' &&
    (typesOf(schema).includes('number') || typesOf(schema).includes('integer'));
  return (
    <input
      {...common}
      type="text"
      inputMode={numeric ? 'decimal' : undefined}
      value={text}
      placeholder={
        schema.default !== undefined
          ? String(schema.default)
          : schema.format === 'duration'
            ? 'e.g. 250ms'
            : ''
      }
      onChange={(e) => {
        setText(e.target.value);
        onChange(valueFromInput(schema, e.target.value));
      }}
    />
  );
}

const DISTRIBUTIONS: Readonly<Record<string, readonly string[]>> = {
  constant: ['value'],
  uniform: ['min', 'max'],
  exponential: ['mean'],
  normal: ['mean', 'stddev'],
  lognormal: ['median', 'p99'],
};

/** A latency distribution: a kind and its parameters; a constant is written as a bare duration. */
function DistributionInput(props: { value: unknown; onChange: (value: unknown) => void; common: Common }) {
  const { value, onChange, common } = props;
  const object = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  const dist = object ? String(object['dist'] ?? 'constant') : 'constant';
  const params = DISTRIBUTIONS[dist] ?? [];
  const paramsOf = (): Record<string, unknown> => (object ? object : value === undefined ? {} : { value });
  const change = (nextDist: string, nextParams: Record<string, unknown>) => {
    if (nextDist === 'constant') {
      const v = nextParams['value'];
      onChange(v === undefined || v === '' ? undefined : v);
      return;
    }
    const keep: Record<string, unknown> = { dist: nextDist };
    for (const key of DISTRIBUTIONS[nextDist] ?? [])
      if (nextParams[key] !== undefined && nextParams[key] !== '') keep[key] = nextParams[key];
    onChange(keep);
  };
  return (
    <div className="row">
      <select
        {...common}
        aria-label="distribution"
        value={dist}
        onChange={(e) => change(e.target.value, paramsOf())}
      >
        {Object.keys(DISTRIBUTIONS).map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
      {params.map((param) => (
        <input
          key={param}
          aria-label={param}
          style={{ width: '6rem' }}
          placeholder={param}
          value={String(paramsOf()[param] ?? '')}
          onChange={(e) =>
            change(dist, { ...paramsOf(), [param]: valueFromInput({ format: 'duration' }, e.target.value) })
          }
        />
      ))}
    </div>
  );
}

/** Partition groups, written `gateway, auth | orders`. */
function GroupsInput(props: { value: unknown; onChange: (value: unknown) => void; common: Common }) {
  const groups = Array.isArray(props.value) ? (props.value as unknown[][]) : [];
  const shown = groups.map((g) => (Array.isArray(g) ? g.join(', ') : '')).join(' | ');
  const [text, setText] = useState(shown);
  return (
    <input
      {...props.common}
      value={text}
      placeholder="gateway, auth | orders"
      onChange={(e) => {
        setText(e.target.value);
        props.onChange(
          e.target.value
            .split('|')
            .map((group) =>
              group
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            )
            .filter((group) => group.length > 0),
        );
      }}
    />
  );
}
