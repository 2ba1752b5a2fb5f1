import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TempInstallation } from '../helpers/tempInstallation';
import { installation, exchangeCards, ORG_A, ORG_B } from '../security/handoverFixtures';
import { generateDemoData } from '../../electron/node/demo/demoData';
import { DEMO_NOTE_SENTENCES, REGIONS } from '../../electron/node/demo/demoText';
import { localDate, addDays } from '../../shared/plan/dates';
import { parseCsv, stripBom } from '../../shared/directory/csv';

/** A checksum of every table's full content (and the audit head): equal means nothing at all changed. */
function contentChecksums(inst: TempInstallation): Record<string, string> {
  const sqlite = inst.backend.session!.store.sqlite;
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%search%' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => {
      const hash = createHash('sha256');
      for (const row of sqlite.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate()) hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v)));
      return [name, hash.digest('hex')];
    }),
  );
}

describe('reports on demo data', () => {
  let inst: TempInstallation;
  const today = localDate(Date.now());
  const period = { from: addDays(today, -365), to: today };

  beforeAll(async () => {
    inst = await installation(ORG_A);
    const store = inst.backend.session!.store;
    generateDemoData(store.db, store.sqlite, [inst.backend.session!.user!.id], { clients: 400, notes: 4000, assessments: 0, seed: 7 });
  });
  afterAll(() => inst.dispose());

  const sql = <T>(query: string, ...params: unknown[]) => inst.backend.session!.store.sqlite.prepare(query).all(...params) as T[];
  const one = (query: string, ...params: unknown[]) => (sql<{ n: number }>(query, ...params)[0]!).n;

  // A past quarter too: the loader reads details only for the clients released in the period or due within 90 days.
  const quarter = { from: addDays(today, -200), to: addDays(today, -110) };
  it.each([
    ['the last 12 months', period],
    ['a past quarter', quarter],
  ])('dashboard numbers equal a direct SQL count (%s)', async (_name, period) => {
    const d = await inst.call('reports.dashboard', period);
    const ind = (id: string) => d.indicators.find((i) => i.id === id)!;

    const byStatus = Object.fromEntries(sql<{ status: string; n: number }>('SELECT status, count(*) AS n FROM clients GROUP BY status').map((r) => [r.status, r.n]));
    for (const c of ind('clientsByStatus').categories) expect(c.count, c.key).toBe(byStatus[c.key] ?? 0);
    expect(ind('clientsByStatus').denominator).toBe(one('SELECT count(*) AS n FROM clients'));

    const released = `FROM clients c WHERE c.actual_release BETWEEN ? AND ? AND c.actual_release <= ?`;
    const p = [period.from, period.to, today];
    expect(ind('planCompleteAtRelease').denominator).toBe(one(`SELECT count(*) AS n ${released}`, ...p));
    // Complete at release: all nine items done, each on or before the release day (demo data has no "not applicable").
    expect(ind('planCompleteAtRelease').numerator).toBe(
      one(`SELECT count(*) AS n ${released} AND (SELECT count(*) FROM checklist_items i WHERE i.client_id = c.id AND i.status = 'done' AND date(i.updated_at) <= c.actual_release) = 9`, ...p),
    );
    expect(ind('naloxoneBeforeRelease').numerator).toBe(
      one(
        `SELECT count(*) AS n ${released} AND EXISTS (SELECT 1 FROM services_log s WHERE s.client_id = c.id AND s.kind = 'naloxoneKit' AND s.delivered_on <= c.actual_release)
          AND EXISTS (SELECT 1 FROM services_log s WHERE s.client_id = c.id AND s.kind = 'overdosePrevention' AND s.delivered_on <= c.actual_release)`,
        ...p,
      ),
    );
    expect(ind('oatContinuity').denominator).toBe(one(`SELECT count(*) AS n ${released} AND EXISTS (SELECT 1 FROM services_log s WHERE s.client_id = c.id AND s.kind = 'oatDose' AND s.delivered_on <= c.actual_release)`, ...p));
    for (const [id, days] of [['contacted72h', 3], ['contacted14d', 14]] as const) {
      const windowOver = `${released} AND date(c.actual_release, '+${days} days') < ?`;
      expect(ind(id).denominator, id).toBe(one(`SELECT count(*) AS n ${windowOver}`, ...p, today));
      expect(ind(id).numerator, id).toBe(
        one(
          `SELECT count(*) AS n ${windowOver} AND (
            EXISTS (SELECT 1 FROM contact_notes n WHERE n.client_id = c.id AND n.phase = 'afterRelease' AND date(n.at, 'localtime') BETWEEN c.actual_release AND date(c.actual_release, '+${days} days'))
            OR EXISTS (SELECT 1 FROM follow_ups f WHERE f.client_id = c.id AND f.reached = 1 AND f.contacted_on BETWEEN c.actual_release AND date(c.actual_release, '+${days} days')))`,
          ...p,
          today,
        ),
      );
    }
    expect(ind('releasesNext90').denominator).toBe(one(`SELECT count(*) AS n FROM clients WHERE actual_release IS NULL AND earliest_release BETWEEN ? AND ?`, today, addDays(today, 90)));
    // The demo has numbers in each of these, so the comparisons above compare something.
    for (const id of ['planCompleteAtRelease', 'naloxoneBeforeRelease', 'contacted72h', 'contacted14d', 'followUpMonth1', 'releasesNext90']) expect(ind(id).denominator, id).toBeGreaterThan(0);
    const m1 = ind('followUpMonth1');
    expect(m1.numerator).toBe(one(`SELECT count(*) AS n FROM follow_ups f JOIN clients c ON c.id = f.client_id WHERE f.milestone = 'month1' AND f.reached = 1 AND c.actual_release BETWEEN ? AND ? AND c.actual_release <= ?`, ...p));
    // "Unknown" is never dropped: each outcome field adds up to the denominator.
    expect(m1.categories.filter((c) => c.key.startsWith('housing.')).reduce((n, c) => n + c.count, 0)).toBe(m1.denominator);
  });

  it('a contact recorded after the dashboard was shown counts in the next one: nothing is served from before a write', async () => {
    const contacted = async () => (await inst.call('reports.dashboard', period)).indicators.find((i) => i.id === 'contacted72h')!;
    const before = await contacted();
    await inst.call('reports.dashboard', { ...period, prisonId: sql<{ id: string }>(`SELECT id FROM reference_items WHERE kind = 'prison' LIMIT 1`)[0]!.id });
    const [uncontacted] = sql<{ id: string; actual_release: string }>(
      `SELECT id, actual_release FROM clients c WHERE actual_release BETWEEN ? AND date(?, '-4 days') AND status != 'closed' AND custody = 'held'
         AND NOT EXISTS (SELECT 1 FROM contact_notes n WHERE n.client_id = c.id AND n.phase = 'afterRelease')
         AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.client_id = c.id AND f.reached = 1) LIMIT 1`,
      period.from,
      today,
    );
    expect(uncontacted, 'the demo has a released client nobody has contacted yet').toBeDefined();
    await inst.call('contactLog.add', { clientId: uncontacted!.id, at: `${uncontacted!.actual_release}T15:00`, channel: 'outreach', phase: 'afterRelease', participants: '', notes: 'Setkání v den propuštění.' });
    const after = await contacted();
    expect(after.numerator).toBe(before.numerator + 1);
    expect(after.denominator).toBe(before.denominator);
  });

  it('the clients behind a number are exactly the counted ones, and listing them is audited', async () => {
    const d = await inst.call('reports.dashboard', period);
    const ind = d.indicators.find((i) => i.id === 'contacted72h')!;
    const list = await inst.call('reports.indicatorClients', { ...period, indicatorId: 'contacted72h', part: 'numerator' });
    expect(list).toHaveLength(ind.numerator);
    expect(list.every((c) => c.actualRelease !== null && c.actualRelease >= period.from)).toBe(true);
    expect(one(`SELECT count(*) AS n FROM audit_log WHERE action = 'reports.clientsListed'`)).toBeGreaterThan(0);
  });

  it('prints the dashboard for the funder in Czech: every indicator, its numbers and its rule, no client', async () => {
    const printed = await inst.call('reports.print', { ...period, language: 'cs' });
    const file = path.join(inst.dir, printed.fileName);
    writeFileSync(file, Buffer.from(printed.pdfBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Výsledky a hodnocení');
    expect(text).toContain('Kontakt do 72 hodin po propuštění');
    const d = await inst.call('reports.dashboard', period);
    const c72 = d.indicators.find((i) => i.id === 'contacted72h')!;
    expect(text).toContain(`${c72.numerator} z ${c72.denominator}`);
    expect(text).toContain('kontakt v den propuštění se počítá');
    for (const p of sql<{ last_name: string; code: string }>('SELECT last_name, code FROM clients')) expect(text).not.toContain(p.code);
  }, 180_000); // a PDF in the worker pool beside other test files on a shared 2-core machine

  it('the evaluation export carries no name, code, date of birth, ISO date, address or note text', async () => {
    const before = one(`SELECT count(*) AS n FROM audit_log WHERE action = 'reports.exported'`);
    const out = await inst.call('reports.export', period);
    expect(one(`SELECT count(*) AS n FROM audit_log WHERE action = 'reports.exported'`)).toBe(before + 1);
    expect(out.perClient.csv.startsWith('\uFEFF')).toBe(true);
    const text = out.perClient.csv + out.perPeriod.csv;
    const rows = parseCsv(stripBom(out.perClient.csv), ';').records.map((r) => r.fields);
    expect(rows[0]).toContain('age_band');
    expect(rows).toHaveLength(1 + one('SELECT count(*) AS n FROM clients'));
    const people = sql<{ code: string; first_name: string; last_name: string; date_of_birth: string; municipality: string; notes: string }>('SELECT code, first_name, last_name, date_of_birth, municipality, notes FROM clients');
    const word = (w: string) => new RegExp(`(^|[^\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\p{L}]|$)`, 'u');
    for (const p of people) {
      expect(text).not.toContain(p.code);
      expect(text, p.first_name).not.toMatch(word(p.first_name));
      expect(text, p.last_name).not.toMatch(word(p.last_name));
      expect(text).not.toContain(p.date_of_birth);
    }
    const cells = new Set(rows.flat());
    for (const [, towns] of REGIONS) for (const town of towns) expect(cells.has(town), town).toBe(false);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    for (const sentence of DEMO_NOTE_SENTENCES) expect(text).not.toContain(sentence);
    // Pseudonyms are unique within an export and new in the next one.
    const pseudonyms = rows.slice(1).map((r) => r[0]);
    expect(new Set(pseudonyms).size).toBe(pseudonyms.length);
    const again = parseCsv(stripBom((await inst.call('reports.export', period)).perClient.csv), ';').records.slice(1).map((r) => r.fields[0]);
    expect(again.filter((x) => pseudonyms.includes(x))).toEqual([]);
  });

  it('suppression holds in the period table: no count 1–4 shown, no hidden cell recomputable from its total', async () => {
    const out = await inst.call('reports.export', period);
    const rows = parseCsv(stripBom(out.perPeriod.csv), ';').records.slice(1).map((r) => r.fields);
    const value = (s: string) => (s === '<5' ? null : Number(s));
    let hidden = 0;
    const groups = new Map<string, string[][]>();
    for (const r of rows) {
      const [, indicator, , breakdown, , num, den] = r as [string, string, string, string, string, string, string];
      for (const v of [num, den]) if (v !== '') {
        const n = value(v);
        if (n === null) hidden += 1;
        else expect(n === 0 || n >= 5, `${indicator} ${breakdown} ${v}`).toBe(true);
      }
      // Shown together, numerator and denominator must not reveal a small "not met" count either.
      if (breakdown !== 'category' && value(num) !== null && value(den) !== null) {
        const notMet = value(den)! - value(num)!;
        expect(notMet === 0 || notMet >= 5, `${indicator} ${breakdown} ${num}/${den}`).toBe(true);
      }
      const key = `${indicator}|${breakdown}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    expect(hidden).toBeGreaterThan(0); // 400 clients over 12 prisons: small cells exist, so this checks something
    for (const [key, list] of groups) {
      const [indicator, breakdown] = key.split('|') as [string, string];
      if (breakdown !== 'prison' && breakdown !== 'region') continue;
      const total = groups.get(`${indicator}|total`)![0]!;
      for (const col of [5, 6]) {
        if (value(total[col]!) === null) continue;
        const hiddenInColumn = list.filter((r) => value(r[col]!) === null).length;
        expect(hiddenInColumn, `${key} column ${col}`).not.toBe(1);
      }
    }
  });
});

describe('signed indicator reports between installations', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => cleanup.splice(0).forEach((c) => c()));

  async function sites() {
    const prison = await installation(ORG_A);
    const coordinator = await installation(ORG_B);
    const stranger = await installation('Neznámá organizace');
    cleanup.push(() => prison.dispose(), () => coordinator.dispose(), () => stranger.dispose());
    await exchangeCards(prison, coordinator);
    for (const s of [prison, stranger]) {
      const store = s.backend.session!.store;
      generateDemoData(store.db, store.sqlite, [s.backend.session!.user!.id], { clients: 60, notes: 300, assessments: 0, seed: 11 });
    }
    return { prison, coordinator, stranger };
  }
  const period = { from: addDays(localDate(Date.now()), -365), to: localDate(Date.now()) };
  const refusal = async (inst: TempInstallation, file: { fileName: string; fileBase64: string }) => {
    const before = contentChecksums(inst);
    const r = await inst.raw('reports.import', file);
    expect(contentChecksums(inst)).toEqual(before);
    if (r.ok) throw new Error('import unexpectedly succeeded');
    return r.error.messageKey;
  };

  it('imports a verified report, refuses replay, tampering and unknown senders with nothing changed; a newer one replaces the older', async () => {
    const { prison, coordinator, stranger } = await sites();
    const first = await prison.call('reports.bundle', period);
    const json = JSON.parse(Buffer.from(first.fileBase64, 'base64').toString('utf8'));
    // Aggregates only: no client id or name travels.
    const fileText = JSON.stringify(json);
    const people = prison.backend.session!.store.sqlite.prepare('SELECT id, code, last_name, date_of_birth FROM clients').all() as { id: string; code: string; last_name: string; date_of_birth: string }[];
    for (const p of people) for (const v of [p.id, p.code, `"${p.last_name}"`, p.date_of_birth]) expect(fileText).not.toContain(v);

    const imported = await coordinator.call('reports.import', { fileName: first.fileName, fileBase64: first.fileBase64 });
    expect(imported).toMatchObject({ organisation: ORG_A, replaced: null });
    const programme = await coordinator.call('reports.programme', period);
    expect(programme.sources.map((s) => s.organisation)).toEqual([ORG_A]);
    const status = programme.indicators.find((i) => i.id === 'clientsByStatus')!;
    expect(status.denominator).toBe(60);
    expect(status.byOrganisation).toEqual([{ name: ORG_A, numerator: 60, denominator: 60 }]);

    expect(await refusal(coordinator, { fileName: first.fileName, fileBase64: first.fileBase64 })).toBe('errors.reports.reportDuplicate');

    // Tampered: one number changed, the file still canonical JSON.
    const tampered = structuredClone(json);
    tampered.report.indicators[0].total.denominator = 61;
    const canonical = (await import('../../electron/node/handover/strictJson')).canonicalBytes;
    expect(await refusal(coordinator, { fileName: 'x.json', fileBase64: canonical(tampered).toString('base64') })).toBe('errors.reports.reportTampered');
    expect(await refusal(coordinator, { fileName: 'x.json', fileBase64: Buffer.from('not json').toString('base64') })).toBe('errors.reports.reportUnreadable');

    const foreign = await stranger.call('reports.bundle', period);
    expect(await refusal(coordinator, { fileName: foreign.fileName, fileBase64: foreign.fileBase64 })).toBe('errors.reports.reportUnknownSender');
    expect(await refusal(prison, { fileName: first.fileName, fileBase64: first.fileBase64 })).toBe('errors.reports.reportOwn');

    // A newer report for the same period replaces the older; the older one cannot come back.
    const second = await prison.call('reports.bundle', period);
    const third = await prison.call('reports.bundle', period);
    expect((await coordinator.call('reports.import', { fileName: third.fileName, fileBase64: third.fileBase64 })).replaced).toBe(first.reportId);
    // The second, made before the third, arrives late: older than what is held, refused.
    expect(await refusal(coordinator, { fileName: second.fileName, fileBase64: second.fileBase64 })).toBe('errors.reports.reportOutdated');
    const fourth = await prison.call('reports.bundle', period);
    const replaced = await coordinator.call('reports.import', { fileName: fourth.fileName, fileBase64: fourth.fileBase64 });
    expect(replaced.replaced).toBe(third.reportId);
    expect((await coordinator.call('reports.programme', period)).sources.map((s) => s.reportId)).toEqual([fourth.reportId]);
    expect(await refusal(coordinator, { fileName: first.fileName, fileBase64: first.fileBase64 })).toBe('errors.reports.reportDuplicate');
  }, 240_000); // three installations, each deriving an Argon2id key

  it('an evaluator reads the dashboard and the export but no client', async () => {
    const site = await installation(ORG_A);
    cleanup.push(() => site.dispose());
    await site.call('users.create', { username: 'hodnotitel', displayName: 'Eva Hodnotitelka', role: 'evaluator', password: 'evaluator password 1' });
    await site.call('session.login', { username: 'hodnotitel', password: 'evaluator password 1' });
    const d = await site.call('reports.dashboard', period);
    expect(d.mayListClients).toBe(false);
    await site.call('reports.export', period);
    const denied = await site.raw('reports.indicatorClients', { ...period, indicatorId: 'clientsByStatus', part: 'numerator' });
    expect(denied.ok ? null : denied.error.code).toBe('FORBIDDEN');
    const caseload = await site.raw('clients.caseload', {});
    expect(caseload.ok ? null : caseload.error.code).toBe('FORBIDDEN');
  }, 180_000);
});
