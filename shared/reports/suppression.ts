/**
 * Small-cell suppression for tables that leave the installation (the evaluation export and the signed report).
 * A count from 1 to 4 is shown as "<5" (null here). Then complementary suppression: in every line that carries
 * a total (each row with its row total, each column with its column total), a single hidden cell could be
 * recomputed as total minus the others, so while any line has exactly one hidden cell, the smallest visible
 * cell of that line is hidden too (the total itself when no other cell is left).
 */
export const SMALL_CELL_LIMIT = 5;

export const isSmall = (n: number) => n > 0 && n < SMALL_CELL_LIMIT;

/** A table of counts with its margins; null = suppressed. */
export interface SuppressedTable {
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  grandTotal: number | null;
}

interface Cell {
  value: number;
  hidden: boolean;
}

/**
 * Suppresses a rows × columns table of counts whose margins are the sums of its cells. Works on the full
 * table including margins: each row line is [cells…, row total], each column line is [cells…, column total],
 * and the margin lines are [row totals…, grand total] and [column totals…, grand total].
 */
export function suppressTable(counts: readonly (readonly number[])[]): SuppressedTable {
  const rows = counts.length;
  const cols = rows ? counts[0]!.length : 0;
  const cell = (value: number): Cell => ({ value, hidden: isSmall(value) });
  const grid = counts.map((r) => r.map(cell));
  const rowTotals = counts.map((r) => cell(r.reduce((a, b) => a + b, 0)));
  const colTotals = Array.from({ length: cols }, (_, j) => cell(counts.reduce((a, r) => a + r[j]!, 0)));
  const grand = cell(rowTotals.reduce((a, c) => a + c.value, 0));

  // Each line: its member cells, then its total last.
  const lines: Cell[][] = [
    ...grid.map((r, i) => [...r, rowTotals[i]!]),
    ...Array.from({ length: cols }, (_, j) => [...grid.map((r) => r[j]!), colTotals[j]!]),
    [...rowTotals, grand],
    [...colTotals, grand],
  ];
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter((c) => c.hidden).length !== 1) continue;
      const members = line.slice(0, -1).filter((c) => !c.hidden);
      // The smallest visible member hides least information; ties: the first.
      const next = members.length ? members.reduce((a, b) => (b.value < a.value ? b : a)) : line.at(-1)!;
      if (next.hidden) continue;
      next.hidden = true;
      changed = true;
    }
  }
  const shown = (c: Cell) => (c.hidden ? null : c.value);
  return { cells: grid.map((r) => r.map(shown)), rowTotals: rowTotals.map(shown), columnTotals: colTotals.map(shown), grandTotal: shown(grand) };
}

/** A one-dimensional list of counts with its total (a table of one column). */
export function suppressList(counts: readonly number[]): { cells: (number | null)[]; total: number | null } {
  const t = suppressTable(counts.map((n) => [n]));
  return { cells: t.cells.map((r) => r[0]!), total: t.grandTotal };
}

/** How a suppressed count is written in a CSV cell or on paper. */
export const shownCount = (n: number | null) => (n === null ? `<${SMALL_CELL_LIMIT}` : String(n));
