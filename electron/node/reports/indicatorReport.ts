import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { apiError, type ApiError } from '../../../shared/api';
import { reports as reportTexts } from '../../../shared/i18n/locales/reports';
import { indicatorReportSchema, REPORT_FILE_TYPE, type IndicatorReport, type Programme, type ReportSource } from '../../../shared/reports/schemas';
import { INDICATOR_IDS } from '../../../shared/reports/indicators';
import type { ReadContext, UserCallContext, WriteContext } from '../api/context';
import { indicatorReportLedger, indicatorReports, identityKeys } from '../store/schema';
import { ensureIdentity, activeContactByFingerprint, contactCard } from '../identity/identityStore';
import { formatTrustedComment, minisignSign, minisignVerify, parseMinisig } from '../handover/minisign';
import { canonicalBytes, parseCanonicalJson } from '../handover/strictJson';
import { sha256Hex } from '../handover/bundleFormat';
import { aggregateAll, reportPeriod } from './reportService';

/**
 * The signed indicator report (SPEC W13): aggregates only, small cells suppressed, signed in the minisign format
 * with the user's handover identity over the report's canonical JSON; one canonical JSON file that carries the
 * report and its signature. A coordinator's installation checks it against its verified trusted contacts.
 */

const MAX_FILE_BYTES = 4 * 1024 * 1024;
type ReportErrorKind = keyof typeof reportTexts.en.errors.reports;

/** A refusal with the English sentence of `errors.reports.<kind>` (shared/i18n/locales/reports.ts). */
export function reportError(kind: ReportErrorKind, params: Record<string, string> = {}): ApiError {
  const message = reportTexts.en.errors.reports[kind].replace(/\{\{(\w+)\}\}/g, (_m, k: string) => params[k] ?? '');
  return apiError('REFUSED', message, `errors.reports.${kind}`, params);
}

interface ReportFile {
  type: typeof REPORT_FILE_TYPE;
  report: IndicatorReport;
  /** The `.minisig` text over the canonical JSON of `report`. */
  signature: string;
}

export async function buildIndicatorReport(ctx: WriteContext, input: { from: string; to: string }): Promise<{ fileName: string; fileBase64: string; reportId: string }> {
  const me = await ensureIdentity(ctx);
  const now = ctx.now.getTime();
  const period = reportPeriod(input, now);
  const report: IndicatorReport = {
    type: REPORT_FILE_TYPE,
    version: 1,
    reportId: randomUUID(),
    createdAt: new Date(now).toISOString(),
    period,
    organisation: me.card.organisation,
    signer: { fingerprint: me.card.fingerprint, name: me.card.name },
    indicators: aggregateAll(ctx.sqlite, period),
  };
  const signature = minisignSign(
    canonicalBytes(report),
    { secretKey: me.secrets.signingSecretKey, publicKey: me.secrets.signingPublicKey },
    formatTrustedComment(report.reportId, report.createdAt, report.signer.fingerprint),
  );
  const file: ReportFile = { type: REPORT_FILE_TYPE, report, signature };
  const bytes = canonicalBytes(file);
  ctx.audit({ action: 'reports.bundled', entityType: 'indicatorReport', entityId: report.reportId, details: { from: period.from, to: period.to, sha256: sha256Hex(bytes) } });
  return { fileName: `indicator-report-${period.from}_${period.to}.json`, fileBase64: bytes.toString('base64'), reportId: report.reportId };
}

/** Checks a report file completely and writes nothing; returns what to store. */
function verifyReportFile(ctx: UserCallContext, fileName: string, bytes: Buffer) {
  const file = fileName.slice(0, 255);
  let parsed: unknown;
  try {
    parsed = parseCanonicalJson(bytes, file, MAX_FILE_BYTES);
  } catch (e) {
    throw reportError('reportUnreadable', { file, detail: (e as Error).message });
  }
  const wrapper = parsed as Partial<ReportFile> | null;
  if (!wrapper || typeof wrapper !== 'object' || wrapper.type !== REPORT_FILE_TYPE || typeof wrapper.signature !== 'string') {
    throw reportError('reportUnreadable', { file, detail: 'not an indicator report file' });
  }
  const checked = indicatorReportSchema.safeParse(wrapper.report);
  if (!checked.success) throw reportError('reportUnreadable', { file, detail: checked.error.issues[0]?.path.join('.') || 'content' });
  const report = checked.data;
  if (ctx.db.select().from(identityKeys).where(eq(identityKeys.fingerprint, report.signer.fingerprint)).get()) throw reportError('reportOwn', { file });
  const contact = activeContactByFingerprint(ctx.db, report.signer.fingerprint);
  if (!contact || contact.verification === 'unverified') throw reportError('reportUnknownSender', { file, name: report.signer.name, organisation: report.organisation });
  const card = contactCard(contact);
  try {
    const comment = minisignVerify(canonicalBytes(wrapper.report), parseMinisig(wrapper.signature, file), new Uint8Array(Buffer.from(card.signingKey, 'base64')), file);
    if (comment !== formatTrustedComment(report.reportId, report.createdAt, report.signer.fingerprint)) throw new Error('trusted comment');
  } catch {
    throw reportError('reportTampered', { file });
  }
  return { report, contact, fileSha256: sha256Hex(bytes), reportJson: canonicalBytes(wrapper.report).toString('utf8') };
}

/**
 * Imports one report: refused (nothing written) when unreadable, tampered, from an unknown or unverified
 * sender, from this installation, already imported (same file or report id, even one replaced since) or older
 * than the one already held for the same source and period; a newer one replaces the older in one transaction.
 */
export function importIndicatorReport(ctx: WriteContext, input: { fileName: string; fileBase64: string }) {
  const bytes = Buffer.from(input.fileBase64, 'base64');
  const { report, contact, fileSha256, reportJson } = verifyReportFile(ctx, input.fileName, bytes);
  const file = input.fileName.slice(0, 255);
  const seen = ctx.db.select().from(indicatorReportLedger).all().find((l) => l.fileSha256 === fileSha256 || l.reportId === report.reportId);
  if (seen) throw reportError('reportDuplicate', { file });
  const current = ctx.db
    .select()
    .from(indicatorReports)
    .where(eq(indicatorReports.signerFingerprint, report.signer.fingerprint))
    .all()
    .find((r) => r.periodFrom === report.period.from && r.periodTo === report.period.to);
  if (current && current.createdAt >= report.createdAt) throw reportError('reportOutdated', { file });
  const importedAt = new Date(ctx.now.getTime()).toISOString();
  return ctx.change(
    { action: 'reports.imported', entityType: 'indicatorReport', entityId: report.reportId, details: { signer: report.signer.fingerprint, from: report.period.from, to: report.period.to, replaced: current?.reportId ?? null, sha256: fileSha256 } },
    (tx) => {
      if (current) tx.delete(indicatorReports).where(eq(indicatorReports.reportId, current.reportId)).run();
      tx.insert(indicatorReports)
        .values({
          reportId: report.reportId,
          signerFingerprint: report.signer.fingerprint,
          signerName: contact.name,
          organisation: contact.organisation,
          periodFrom: report.period.from,
          periodTo: report.period.to,
          createdAt: report.createdAt,
          fileSha256,
          reportJson,
          importedAt,
          importedBy: ctx.user.id,
        })
        .run();
      tx.insert(indicatorReportLedger).values({ fileSha256, reportId: report.reportId, signerFingerprint: report.signer.fingerprint, createdAt: report.createdAt, importedAt }).run();
      return { reportId: report.reportId, organisation: contact.organisation, from: report.period.from, to: report.period.to, replaced: current?.reportId ?? null };
    },
  );
}

/**
 * The programme view: the imported reports whose period lies inside [from, to], each indicator's numerator and
 * denominator summed across them, by organisation, prison and region. A suppressed count ("<5") adds nothing to
 * a sum and is counted in `suppressed`, so every sum is a lower bound the screen can say so about.
 */
export function programmeView(ctx: ReadContext, input: { from: string; to: string }): Programme {
  const rows = ctx.db
    .select()
    .from(indicatorReports)
    .all()
    .filter((r) => r.periodFrom >= input.from && r.periodTo <= input.to)
    .sort((a, b) => a.organisation.localeCompare(b.organisation, 'cs') || a.periodFrom.localeCompare(b.periodFrom));
  const reports = rows.map((r) => indicatorReportSchema.parse(JSON.parse(r.reportJson)));
  const sources: ReportSource[] = rows.map((r) => ({
    reportId: r.reportId,
    organisation: r.organisation,
    signerName: r.signerName,
    signerFingerprint: r.signerFingerprint,
    from: r.periodFrom,
    to: r.periodTo,
    createdAt: r.createdAt,
    importedAt: r.importedAt,
  }));
  const indicators = INDICATOR_IDS.map((id) => {
    let numerator = 0;
    let denominator = 0;
    let suppressed = 0;
    const byPrison = new Map<string, { numerator: number; denominator: number }>();
    const byRegion = new Map<string, { numerator: number; denominator: number }>();
    const add = (map: typeof byPrison, name: string, n: number | null, d: number | null) => {
      const cell = map.get(name) ?? { numerator: 0, denominator: 0 };
      cell.numerator += n ?? 0;
      cell.denominator += d ?? 0;
      map.set(name, cell);
    };
    const byOrganisation: { name: string; numerator: number | null; denominator: number | null }[] = [];
    let unit: 'clients' | 'followUps' = 'clients';
    reports.forEach((report, i) => {
      const a = report.indicators.find((x) => x.id === id);
      if (!a) return;
      unit = a.unit;
      if (a.total.numerator === null) suppressed += 1;
      else numerator += a.total.numerator;
      if (a.total.denominator === null) suppressed += 1;
      else denominator += a.total.denominator;
      byOrganisation.push({ name: rows[i]!.organisation, numerator: a.total.numerator, denominator: a.total.denominator });
      for (const r of a.byPrison) add(byPrison, r.name, r.numerator, r.denominator);
      for (const r of a.byRegion) add(byRegion, r.name, r.numerator, r.denominator);
    });
    const list = (m: typeof byPrison) => [...m.entries()].map(([name, v]) => ({ name, ...v })).sort((a, b) => a.name.localeCompare(b.name, 'cs'));
    return { id, unit, numerator, denominator, suppressed, byOrganisation, byPrison: list(byPrison), byRegion: list(byRegion) };
  });
  return { from: input.from, to: input.to, sources, indicators };
}
