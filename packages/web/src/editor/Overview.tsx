import type { Selection } from './graph/ServiceGraph.js';
import type { CallRef } from './document.js';

/** Nothing selected: every service and call as a list, for the keyboard and screen readers. */
export function Overview(props: {
  names: readonly string[];
  calls: readonly CallRef[];
  onSelect: (s: Selection) => void;
}) {
  return (
    <section aria-labelledby="overview-title">
      <h2 id="overview-title">Services and calls</h2>
      <p className="muted">Select a service or a call in the graph, or here.</p>
      <ul>
        {props.names.map((name) => (
          <li key={name}>
            <button
              type="button"
              className="button ghost small"
              onClick={() => props.onSelect({ kind: 'service', name })}
            >
              {name}
            </button>
            <ul>
              {props.calls
                .filter((c) => c.from === name)
                .map((c) => (
                  <li key={c.path}>
                    <button
                      type="button"
                      className="button ghost small"
                      onClick={() => props.onSelect({ kind: 'call', path: c.path })}
                    >
                      {name} → {c.to}
                    </button>
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
