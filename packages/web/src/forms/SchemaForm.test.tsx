import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { policySchemas, serviceSchema } from './schemas.js';
import { SchemaForm } from './SchemaForm.js';

function Harness(props: {
  schema: typeof serviceSchema;
  initial: Record<string, unknown>;
  errors?: Record<string, string>;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <>
      <SchemaForm
        schema={props.schema}
        value={value}
        errors={props.errors}
        onChange={({ value: v }) => setValue(v)}
      />
      <output data-testid="value">{JSON.stringify(value)}</output>
    </>
  );
}
const valueNow = () => JSON.parse(screen.getByTestId('value').textContent ?? '{}') as Record<string, unknown>;

describe('SchemaForm', () => {
  it('labels every field and shows its default', () => {
    render(<Harness schema={serviceSchema} initial={{}} />);
    expect(screen.getByLabelText('workers')).toHaveProperty('placeholder', '10');
    expect(screen.getByText(/requests one instance serves at once \(default 10\)/)).toBeTruthy();
    expect(screen.getByLabelText('loadBalancer')).toBeTruthy();
  });

  it('writes numbers as numbers and removes a field left empty, so its default applies', async () => {
    const user = userEvent.setup();
    render(<Harness schema={serviceSchema} initial={{ workers: 10 }} />);
    const workers = screen.getByLabelText('workers');
    await user.clear(workers);
    expect(valueNow()).toEqual({});
    await user.type(workers, '32');
    expect(valueNow()).toEqual({ workers: 32 });
  });

  it('says what is wrong next to the field as the user types', async () => {
    const user = userEvent.setup();
    render(<Harness schema={policySchemas['circuitBreaker']!} initial={{}} />);
    const openFor = screen.getByLabelText('openFor');
    await user.type(openFor, 'soon');
    expect(openFor.getAttribute('aria-invalid')).toBe('true');
    const message = screen.getByText('expected a duration like "250ms" or "2s", got "soon"');
    expect(openFor.getAttribute('aria-describedby')).toContain(message.id);
    await user.clear(openFor);
    await user.type(openFor, '5s');
    expect(screen.queryByText(/expected a duration/)).toBeNull();
    expect(valueNow()).toEqual({ openFor: '5s' });
  });

  it("shows the server's message next to the field it names, nested ones included", () => {
    render(
      <Harness
        schema={policySchemas['retry']!}
        initial={{ maxAttempts: 0, backoff: { initial: '10ms' } }}
        errors={{
          maxAttempts: 'expected a whole number ≥ 1, got 0',
          'backoff.initial': 'too short for the server',
        }}
      />,
    );
    expect(screen.getByLabelText('maxAttempts').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('expected a whole number ≥ 1, got 0')).toBeTruthy();
    expect(screen.getByText('too short for the server')).toBeTruthy();
  });

  it('marks a required field that is missing', () => {
    render(<Harness schema={policySchemas['bulkhead']!} initial={{}} />);
    const field = screen.getByLabelText('maxConcurrent *');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('required')).toBeTruthy();
  });

  it('edits a latency distribution: a bare duration for a constant, an object otherwise', async () => {
    const user = userEvent.setup();
    render(<Harness schema={serviceSchema} initial={{ latency: '5ms' }} />);
    await user.selectOptions(screen.getByLabelText('latency'), 'lognormal');
    await user.type(screen.getByLabelText('median'), '20ms');
    await user.type(screen.getByLabelText('p99'), '120ms');
    expect(valueNow()).toEqual({ latency: { dist: 'lognormal', median: '20ms', p99: '120ms' } });
  });
});
