import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, historyReducer, type History } from './history.js';

const start: History<number> = { past: [], present: 0, future: [] };

describe('historyReducer', () => {
  it('undoes and redoes changes in order', () => {
    let h = historyReducer(start, { type: 'change', value: 1 });
    h = historyReducer(h, { type: 'change', value: 2 });
    h = historyReducer(h, { type: 'undo' });
    expect(h.present).toBe(1);
    h = historyReducer(h, { type: 'undo' });
    expect(h.present).toBe(0);
    h = historyReducer(h, { type: 'undo' });
    expect(h.present).toBe(0);
    h = historyReducer(h, { type: 'redo' });
    h = historyReducer(h, { type: 'redo' });
    expect(h.present).toBe(2);
  });

  it('drops the redo stack when a new change is made', () => {
    let h = historyReducer(start, { type: 'change', value: 1 });
    h = historyReducer(h, { type: 'undo' });
    h = historyReducer(h, { type: 'change', value: 5 });
    expect(h.future).toEqual([]);
    expect(historyReducer(h, { type: 'redo' }).present).toBe(5);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = start;
    for (let i = 1; i <= HISTORY_LIMIT + 10; i++) h = historyReducer(h, { type: 'change', value: i });
    expect(h.past).toHaveLength(HISTORY_LIMIT);
  });

  it('forgets everything on reset (a reload)', () => {
    const h = historyReducer(historyReducer(start, { type: 'change', value: 1 }), {
      type: 'reset',
      value: 9,
    });
    expect(h).toEqual({ past: [], present: 9, future: [] });
  });
});
