import { eq } from 'drizzle-orm';
import { RECEIPT_OVERDUE_DEFAULT_DAYS } from '../../../shared/schemas/settings';
import type { Db } from '../store/open';
import { settings } from '../store/schema';

export const RECEIPT_OVERDUE_KEY = 'receiptOverdueDays';

/** Days after a handover before a missing receipt is flagged (admin setting; default 14). */
export function readReceiptOverdueDays(db: Db): number {
  const row = db.select().from(settings).where(eq(settings.key, RECEIPT_OVERDUE_KEY)).get();
  const value = row ? Number(JSON.parse(row.value)) : NaN;
  return Number.isInteger(value) && value >= 1 ? value : RECEIPT_OVERDUE_DEFAULT_DAYS;
}
