/**
 * Dates as people in Czechia type them: day first ("5.3.2026", "5. 3. 2026", "05.03.2026", "5/3/2026"), or the
 * ISO form the API uses ("2026-03-05"). Returns the ISO date, or null when the text is not one real calendar
 * date (31. 2. is refused, never rolled over to March). A two-digit year is refused: "5.3.26" could be 1926.
 */
export function parseTypedDate(text: string): string | null {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const dayFirst = /^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})\.?$/.exec(s);
  const parts = iso ? [iso[3], iso[2], iso[1]] : dayFirst ? [dayFirst[1], dayFirst[2], dayFirst[3]] : null;
  if (!parts) return null;
  const [day, month, year] = parts.map(Number) as [number, number, number];
  if (year < 1000 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An ISO date as the user reads and types it: "5. 3. 2026" in Czech, "05/03/2026" in English (day first). */
export function formatTypedDate(iso: string, language: string): string {
  const [y, m, d] = iso.split('-');
  if (!y || !m || !d) return iso;
  return language === 'en' ? `${d}/${m}/${y}` : `${Number(d)}. ${Number(m)}. ${y}`;
}

/** A time of day as typed ("9:05", "14.30", "14:30") as `HH:mm`, or null when it is not one. */
export function parseTypedTime(text: string): string | null {
  const m = /^(\d{1,2})\s*[:.]\s*(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}
