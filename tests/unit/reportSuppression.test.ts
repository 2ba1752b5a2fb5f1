import { describe, expect, it } from 'vitest';
import { suppressList, suppressTable } from '../../shared/reports/suppression';

/** Can any hidden cell of a line be recomputed from the visible cells and the visible total? */
function recomputable(cells: (number | null)[], total: number | null): boolean {
  return total !== null && cells.filter((c) => c === null).length === 1;
}

describe('small-cell suppression', () => {
  it('hides counts 1–4 and, with one hidden cell, the next smallest too', () => {
    expect(suppressList([10, 3, 12, 7])).toEqual({ cells: [10, null, 12, null], total: 32 });
  });

  it('keeps a list with no small cell as it is, zeros included', () => {
    expect(suppressList([10, 0, 12])).toEqual({ cells: [10, 0, 12], total: 22 });
  });

  it('hides the total when it is itself small', () => {
    expect(suppressList([0, 3])).toEqual({ cells: [0, null], total: null });
  });

  it('leaves no line of a two-way table with exactly one hidden cell', () => {
    const counts = [
      [20, 3, 15],
      [8, 9, 30],
      [12, 14, 2],
    ];
    const t = suppressTable(counts);
    expect(t.cells[0]![1]).toBeNull();
    expect(t.cells[2]![2]).toBeNull();
    for (let i = 0; i < 3; i++) expect(recomputable(t.cells[i]!, t.rowTotals[i]!)).toBe(false);
    for (let j = 0; j < 3; j++) expect(recomputable(t.cells.map((r) => r[j]!), t.columnTotals[j]!)).toBe(false);
    expect(recomputable(t.rowTotals, t.grandTotal)).toBe(false);
    expect(recomputable(t.columnTotals, t.grandTotal)).toBe(false);
    // Visible cells are the true counts.
    t.cells.forEach((row, i) => row.forEach((v, j) => v !== null && expect(v).toBe(counts[i]![j])));
  });
});
