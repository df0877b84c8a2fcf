import { useRef, useState } from 'react';
import { durationMs, formatMs } from '../../forms/values.js';

type Fault = Record<string, unknown>;

/** Where a fault sits on the run's time axis, in ms. */
export function faultWindow(fault: Fault, runMs: number): { start: number; end: number } {
  const start = durationMs(fault['at']) ?? 0;
  const length = durationMs(fault['duration']);
  return { start, end: Math.min(runMs, length === undefined ? runMs : start + length) };
}

/** What a fault hits, in a few words. */
export function faultLabel(fault: Fault): string {
  const type = String(fault['type']);
  if (Array.isArray(fault['between'])) {
    return `${type} ${(fault['between'] as unknown[][]).map((g) => (Array.isArray(g) ? g.join(',') : '')).join(' | ')}`;
  }
  if (fault['from'] !== undefined) return `${type} ${String(fault['from'])}→${String(fault['to'])}`;
  return `${type} ${String(fault['target'] ?? '')}`;
}

/** The faults on a time axis: drag one (or use the arrow keys on it) to move it in time. */
export function FaultTimeline(props: {
  faults: readonly Fault[];
  runMs: number;
  selected: number | undefined;
  onSelect: (args: { index: number }) => void;
  onMove: (args: { index: number; at: number }) => void;
}) {
  const { faults, runMs } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ index: number; startX: number; startAt: number; at: number }>();
  const step = runMs >= 30_000 ? 1000 : 100;
  const snap = (ms: number) => Math.max(0, Math.min(runMs - step, Math.round(ms / step) * step));

  return (
    <div>
      <div className="timeline" ref={ref} role="list" aria-label="Faults over the run">
        {faults.length === 0 && (
          <p className="muted" style={{ margin: '0.4rem' }}>
            No faults yet.
          </p>
        )}
        {faults.map((fault, index) => {
          const { start, end } = faultWindow(fault, runMs);
          const at = drag?.index === index ? drag.at : start;
          const length = Math.max(end - start, 0);
          const left = (at / runMs) * 100;
          const width = Math.max((Math.min(length, runMs - at) / runMs) * 100, 1.5);
          const label = `${faultLabel(fault)}, from ${formatMs(at)} for ${formatMs(length)}`;
          return (
            <div className="timeline-row" role="listitem" key={index}>
              <div
                className={`timeline-bar${props.selected === index ? ' selected' : ''}`}
                style={{ left: `${left}%`, width: `${width}%` }}
                role="button"
                tabIndex={0}
                aria-label={`${label}. Arrow keys move it in time.`}
                aria-pressed={props.selected === index}
                title={label}
                onClick={() => props.onSelect({ index })}
                onKeyDown={(e) => {
                  const delta = e.key === 'ArrowLeft' ? -1 : e.key === 'ArrowRight' ? 1 : 0;
                  if (delta) {
                    e.preventDefault();
                    props.onMove({ index, at: snap(start + delta * step * (e.shiftKey ? 10 : 1)) });
                  } else if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    props.onSelect({ index });
                  }
                }}
                onPointerDown={(e) => {
                  (e.target as Element).setPointerCapture?.(e.pointerId);
                  setDrag({ index, startX: e.clientX, startAt: start, at: start });
                }}
                onPointerMove={(e) => {
                  if (!drag || drag.index !== index) return;
                  const width = ref.current?.getBoundingClientRect().width || 1;
                  setDrag({ ...drag, at: snap(drag.startAt + ((e.clientX - drag.startX) / width) * runMs) });
                }}
                onPointerUp={() => {
                  // One history entry per drag, not one per pixel.
                  if (drag && drag.index === index && drag.at !== drag.startAt)
                    props.onMove({ index, at: drag.at });
                  setDrag(undefined);
                }}
              >
                {faultLabel(fault)}
              </div>
            </div>
          );
        })}
      </div>
      <div className="timeline-axis" aria-hidden="true">
        {[0, 0.25, 0.5, 0.75, 1].map((f) => (
          <span key={f}>{formatMs(runMs * f)}</span>
        ))}
      </div>
    </div>
  );
}
