import { drizzle } from 'drizzle-orm/better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as schema from '../store/schema';
import { fullCheck, inspectWal, isDamageError, quickCheck } from '../store/integrity';
import { KEY_SLOT_FILE_NAME, contentOf, macIsValid, type KeySlotFile } from '../keyslots/keySlots';
import { readKeySlotCopy } from '../keyslots/keySlotCopy';
import { readKeySlotFile } from '../keyslots/keySlotFile';
import { verifyAudit } from '../audit/auditLog';
import { StoreError } from '../store/errors';
import { openRaw } from './backupService';
import { dataKeyFor, type BackupSecret } from './restore';

/**
 * `doctor` (SPEC W12): checks the key slots, the write-ahead log, every page of the database and the audit chain of
 * one data folder, and names each problem with the way out. It changes nothing: with a damaged write-ahead log it
 * checks a copy of the database file, because opening the original would make SQLite discard the unreadable tail.
 */

export type DoctorCheck = 'keySlots' | 'keySlotCopy' | 'writeAheadLog' | 'database' | 'auditChain' | 'auditAnchor';
export interface DoctorFinding {
  check: DoctorCheck;
  ok: boolean;
  /** What was found (English; the CLI is English). */
  detail: string;
  /** What to do about it; null when the check holds. */
  wayOut: string | null;
}

const RESTORE = 'restore the latest backup: `restore FILE --data NEWDIR` (or in the app: Restore from a backup), then compare and switch folders';

export async function runDoctor(dataDir: string, secret: BackupSecret): Promise<DoctorFinding[]> {
  const findings: DoctorFinding[] = [];
  const dbPath = path.join(dataDir, 'throughcare.db');
  let slots: KeySlotFile;
  try {
    slots = readKeySlotFile(path.join(dataDir, KEY_SLOT_FILE_NAME));
  } catch (e) {
    findings.push({ check: 'keySlots', ok: false, detail: (e as Error).message, wayOut: `${RESTORE}; the backup carries the key slots` });
    return findings;
  }
  let dataKey: Buffer;
  try {
    dataKey = await dataKeyFor(slots, secret);
  } catch (e) {
    const wrong = (e as { kind?: string }).kind === 'wrongSecret';
    findings.push({
      check: 'keySlots',
      ok: false,
      detail: wrong ? 'this password or recovery key does not open the key slots' : 'the key-slot file fails its integrity check (altered or damaged)',
      wayOut: wrong ? 'run doctor again with a valid password (THROUGHCARE_PASSWORD) or --recovery-key' : `${RESTORE}; the backup carries the key slots`,
    });
    return findings;
  }
  findings.push({ check: 'keySlots', ok: true, detail: `${slots.slots.length} key slots, authenticated`, wayOut: null });

  if (!existsSync(dbPath)) {
    findings.push({ check: 'database', ok: false, detail: 'the database file is missing', wayOut: RESTORE });
    return findings;
  }
  const wal = inspectWal(`${dbPath}-wal`);
  findings.push(
    wal?.kind === 'walDamaged'
      ? { check: 'writeAheadLog', ok: false, detail: `${wal.lostTransactions} committed transaction(s) in the write-ahead log cannot be read (a damaged frame cuts them off)`, wayOut: RESTORE }
      : { check: 'writeAheadLog', ok: true, detail: 'every committed transaction is readable', wayOut: null },
  );
  const copyDir = wal ? mkdtempSync(path.join(os.tmpdir(), 'throughcare-doctor-')) : null;
  try {
    const checked = copyDir ? path.join(copyDir, 'throughcare.db') : dbPath;
    if (copyDir) copyFileSync(dbPath, checked);
    let sqlite;
    try {
      sqlite = openRaw(checked, dataKey);
    } catch (e) {
      findings.push({ check: 'database', ok: false, detail: isDamageError(e) || e instanceof StoreError ? 'the first page cannot be read with the data key (damaged)' : (e as Error).message, wayOut: RESTORE });
      return findings;
    }
    try {
      const quick = quickCheck(sqlite);
      const full = quick ? { ok: false, problems: [quick] } : fullCheck(sqlite);
      findings.push(
        full.ok
          ? { check: 'database', ok: true, detail: 'every page authenticated, structure intact', wayOut: null }
          : { check: 'database', ok: false, detail: full.problems.map((p) => ('detail' in p ? `${p.kind}: ${p.detail}` : p.kind)).join('; '), wayOut: RESTORE },
      );
      if (full.ok) {
        const db = drizzle(sqlite, { schema });
        findings.push(insideCopyFinding(db, slots, dataKey));
        const audit = verifyAudit(db);
        findings.push(
          audit.ok
            ? { check: 'auditChain', ok: true, detail: `${audit.count} entries, intact`, wayOut: null }
            : { check: 'auditChain', ok: false, detail: `broken at entry ${audit.brokenAt} (${audit.reason})`, wayOut: RESTORE },
        );
        if (audit.ok) findings.push(anchorFinding(db, slots, dataKey));
      }
    } finally {
      sqlite.close();
    }
  } finally {
    dataKey.fill(0);
    if (copyDir) rmSync(copyDir, { recursive: true, force: true });
  }
  return findings;
}

type DoctorDb = Parameters<typeof verifyAudit>[0];

/**
 * The authoritative key slots inside the database against the file beside it. A stale, rolled-back or altered file
 * is not fatal (the next unlock repairs it from the inside copy) but it is named, because it means someone or
 * something wrote an old file back.
 */
function insideCopyFinding(db: DoctorDb, slots: KeySlotFile, dataKey: Buffer): DoctorFinding {
  let copy;
  try {
    copy = readKeySlotCopy(db);
  } catch (e) {
    return { check: 'keySlotCopy', ok: false, detail: (e as Error).message, wayOut: RESTORE };
  }
  if (!copy) {
    return { check: 'keySlotCopy', ok: true, detail: 'no inside copy yet (made by an older release; it is created at the next unlock)', wayOut: null };
  }
  const fileIntact = macIsValid(slots, dataKey);
  const same = fileIntact && JSON.stringify(contentOf(slots)) === JSON.stringify(copy);
  if (same) return { check: 'keySlotCopy', ok: true, detail: `the file matches the inside copy (generation ${copy.generation})`, wayOut: null };
  const why = !fileIntact
    ? 'the key-slot file fails its whole-file check (altered or damaged outside the slot used)'
    : slots.generation < copy.generation
      ? `the key-slot file is an older generation (${slots.generation}) than the inside copy (${copy.generation}): rolled back or restored from an old copy`
      : `the key-slot file differs from the inside copy (generation ${slots.generation} against ${copy.generation})`;
  return { check: 'keySlotCopy', ok: false, detail: why, wayOut: 'log in once with any valid password or the recovery key: unlocking rewrites the file from the inside copy and audits the repair' };
}

/** The audit head recorded outside the database (authenticated, in the key-slot file) against the chain inside it. */
function anchorFinding(db: DoctorDb, slots: KeySlotFile, dataKey: Buffer): DoctorFinding {
  const anchor = macIsValid(slots, dataKey) ? (slots.anchor ?? null) : null;
  if (!anchor) {
    return { check: 'auditAnchor', ok: true, detail: 'no authenticated anchor to compare with (older release, or the file is repaired at the next unlock)', wayOut: null };
  }
  const result = verifyAudit(db, anchor);
  if (result.ok) return { check: 'auditAnchor', ok: true, detail: `the chain reaches the anchor recorded at the last lock (entry ${anchor.seq})`, wayOut: null };
  const lost = result.reason === 'historyLost';
  return {
    check: 'auditAnchor',
    ok: false,
    detail: lost
      ? `${result.missing ?? 0} acknowledged audit entr${result.missing === 1 ? 'y is' : 'ies are'} missing: the database lost its newest history (anchor at entry ${anchor.seq})`
      : `the entry at the anchor's place (${anchor.seq}) is not the one recorded at the last lock: history was replaced`,
    wayOut: RESTORE,
  };
}
