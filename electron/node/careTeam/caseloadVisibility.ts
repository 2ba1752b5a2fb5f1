import { eq } from 'drizzle-orm';
import type { Db } from '../store/open';
import { settings } from '../store/schema';

export const OFFICE_WIDE_CASELOAD_KEY = 'caseload.officeWide';

/** The installation setting (admin, Settings): staff see the whole office's caseload list. Default off. */
export function readOfficeWideCaseload(db: Db): boolean {
  const row = db.select().from(settings).where(eq(settings.key, OFFICE_WIDE_CASELOAD_KEY)).get();
  return row ? JSON.parse(row.value) === true : false;
}

export function writeOfficeWideCaseload(db: Db, on: boolean): void {
  db.insert(settings)
    .values({ key: OFFICE_WIDE_CASELOAD_KEY, value: JSON.stringify(on) })
    .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(on) } })
    .run();
}
