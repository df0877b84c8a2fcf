import { useState } from 'react';
import type { DesignDocument } from '../api/types.js';
import { callProblem } from './document.js';

/** Draws a call without the mouse: from and to, then Add. */
export function AddCall(props: {
  names: readonly string[];
  document: DesignDocument;
  onAdd: (from: string, to: string) => void;
}) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const problem = from && to ? callProblem(props.document, from, to) : undefined;
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        if (from && to && !problem) props.onAdd(from, to);
      }}
    >
      <label htmlFor="call-from" className="muted">
        Call
      </label>
      <select id="call-from" value={from} onChange={(e) => setFrom(e.target.value)} aria-label="caller">
        <option value="">from…</option>
        {props.names.map((n) => (
          <option key={n}>{n}</option>
        ))}
      </select>
      <select value={to} onChange={(e) => setTo(e.target.value)} aria-label="callee">
        <option value="">to…</option>
        {props.names.map((n) => (
          <option key={n}>{n}</option>
        ))}
      </select>
      <button type="submit" className="button secondary" disabled={!from || !to || !!problem} title={problem}>
        Add call
      </button>
    </form>
  );
}
