/** A table for the terminal: a header row, a rule, and columns padded to their widest cell. */
export interface TextTable {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns aligned right (numbers); the rest align left. */
  readonly right?: readonly number[];
}

/** The table as lines of text, each ending in a newline, with two spaces between columns. */
export function renderTable(table: TextTable): string {
  const right = new Set(table.right ?? []);
  const widths = table.head.map((cell, column) =>
    Math.max(width(cell), ...table.rows.map((row) => width(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const pad = ' '.repeat(widths[column]! - width(cell));
        return right.has(column) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd() + '\n';
  const rule = widths.map((size) => '─'.repeat(size)).join('  ') + '\n';
  return line(table.head) + rule + table.rows.map(line).join('');
}

// Characters as the terminal shows them: each code point one column (the tables hold no wide ones).
function width(text: string): number {
  return [...text].length;
}
