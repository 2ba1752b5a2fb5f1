/** Quick choices of the period, from the workstation's local date (one clock: the caller's `today`). */
export const PERIOD_PRESETS = ['lastQuarter', 'thisYear', 'last12'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function periodOf(preset: PeriodPreset, today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  if (preset === 'thisYear') return { from: iso(y, 1, 1), to: today };
  if (preset === 'last12') return { from: iso(y - 1, m, 1), to: today };
  // The last complete calendar quarter.
  const quarter = Math.floor((m - 1) / 3);
  const [qy, q] = quarter === 0 ? [y - 1, 3] : [y, quarter - 1];
  const firstMonth = q * 3 + 1;
  return { from: iso(qy, firstMonth, 1), to: iso(qy, firstMonth + 2, lastDay(qy, firstMonth + 2)) };
}

export function localToday(): string {
  const d = new Date();
  return iso(d.getFullYear(), d.getMonth() + 1, d.getDate());
}
