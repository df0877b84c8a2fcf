/** A progress bar drawn on one terminal line, redrawn in place. */
export interface ProgressBar {
  /** Draws `fraction` (0 to 1) done, with `label` before the bar; redraws only when the shown percent or label changes. */
  update(progress: { fraction: number; label?: string }): void;
  /** Clears the line, so that what is printed next starts clean. */
  done(): void;
}

/** How many characters wide the bar itself is. */
const BAR_WIDTH = 30;

/**
 * A progress bar written through `write` (a terminal's stderr). It redraws at most once per
 * percent, so a fast run is not slowed by its own progress bar.
 */
export function progressBar(write: (text: string) => void): ProgressBar {
  let shown = '';
  let drawn = false;
  return {
    update({ fraction, label = '' }) {
      const clamped = Math.min(1, Math.max(0, fraction));
      const percent = Math.floor(clamped * 100);
      const key = `${label}|${percent}`;
      if (key === shown) return;
      shown = key;
      drawn = true;
      const filled = Math.round(clamped * BAR_WIDTH);
      const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
      write(`\r\x1b[K${label ? `${label} ` : ''}${bar} ${String(percent).padStart(3)}%`);
    },
    done() {
      if (drawn) write('\r\x1b[K');
      drawn = false;
      shown = '';
    },
  };
}
