import { NONE_KEY, type IndicatorResult } from './indicators';
import type { ReportClientRecord } from './records';
import type { AggregatedIndicator } from './schemas';
import { suppressList, suppressTable } from './suppression';

/**
 * An indicator as it may leave the installation: totals, by prison and by region, and its categories, each
 * table small-cell suppressed (see suppression.ts). Rows of a breakdown are [met, not met] per prison, so
 * neither the numerator, the denominator nor their difference can reveal a count under 5.
 */
export function aggregateIndicator(
  result: IndicatorResult,
  records: ReadonlyMap<string, Pick<ReportClientRecord, 'prisonId' | 'regionId'>>,
  names: { prison: (id: string | null) => string; region: (id: string | null) => string },
): AggregatedIndicator {
  const breakdown = (keyOf: (id: string) => string) => {
    const keys = [...new Set(result.denominatorIds.map(keyOf))].sort((a, b) => a.localeCompare(b, 'cs'));
    const met = new Map(keys.map((k) => [k, 0]));
    const all = new Map(keys.map((k) => [k, 0]));
    for (const id of result.numeratorIds) met.set(keyOf(id), met.get(keyOf(id))! + 1);
    for (const id of result.denominatorIds) all.set(keyOf(id), all.get(keyOf(id))! + 1);
    const table = suppressTable(keys.map((k) => [met.get(k)!, all.get(k)! - met.get(k)!]));
    return { table, rows: keys.map((name, i) => ({ name, numerator: table.cells[i]![0]!, denominator: table.rowTotals[i]! })) };
  };
  const prisonOf = (id: string) => names.prison(records.get(id)?.prisonId ?? null);
  const regionOf = (id: string) => names.region(records.get(id)?.regionId ?? null);
  // Prison and region ids are local to an installation: what leaves it carries their names.
  const categoryName = (key: string) =>
    result.id === 'clientsByPrison' ? names.prison(key === NONE_KEY ? null : key) : result.id === 'clientsByRegion' ? names.region(key === NONE_KEY ? null : key) : key;
  // Categories: each field's values sum to the denominator ("field.value"); plain distributions to the total.
  const groups = new Map<string, { key: string; n: number }[]>();
  for (const c of result.categories) {
    const group = c.key.includes('.') ? c.key.split('.')[0]! : '';
    groups.set(group, [...(groups.get(group) ?? []), { key: categoryName(c.key), n: c.ids.length }]);
  }
  const categories = [...groups.values()].flatMap((list) => {
    const s = suppressList(list.map((c) => c.n));
    return list.map((c, i) => ({ key: c.key, count: s.cells[i]! }));
  });
  const byPrison = breakdown(prisonOf);
  const byRegion = breakdown(regionOf);
  // The totals are the margins of both breakdowns: shown only where neither breakdown had to hide them.
  const own = suppressTable([[result.numeratorIds.length, result.denominatorIds.length - result.numeratorIds.length]]);
  const shownInAll = (value: number, ...shown: (number | null | undefined)[]) => (shown.every((v) => v !== null) ? value : null);
  const emptyOr = (t: typeof own, pick: (t: typeof own) => number | null | undefined) => (t.cells.length ? pick(t) : 0);
  const numerator = shownInAll(result.numeratorIds.length, own.cells[0]![0], emptyOr(byPrison.table, (t) => t.columnTotals[0]), emptyOr(byRegion.table, (t) => t.columnTotals[0]));
  const denominator = shownInAll(result.denominatorIds.length, own.grandTotal, emptyOr(byPrison.table, (t) => t.grandTotal), emptyOr(byRegion.table, (t) => t.grandTotal));
  return {
    id: result.id,
    unit: result.unit,
    total: { numerator, denominator },
    byPrison: byPrison.rows,
    byRegion: byRegion.rows,
    categories,
  };
}
