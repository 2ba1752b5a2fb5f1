import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { TempInstallation } from '../helpers/tempInstallation';
import { renderCaseSummaryPdf, type CaseSummaryPdfData } from '../../electron/node/pdf';

const OUT = path.resolve('test-results/pdf');
let inst: TempInstallation;
let clientId: string;
let englishClientId: string;

/** Text of a PDF (or of one page) as poppler's pdftotext reads it: what a reader's copy/paste and search see. */
function pdfText(file: string, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', ...range, file, '-'], { encoding: 'utf8' });
}

function save(name: string, base64: string): string {
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, name);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return file;
}

/** First page as a PNG at 60 dpi beside the PDF, to look at (test artifact). */
function firstPagePng(file: string): string {
  const prefix = file.replace(/\.pdf$/, '');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
  return `${prefix}.png`;
}

const LONG_TASK = 'Domluvit s kurátorkou a sociální pracovnicí úřadu práce celý postup žádosti o dávky, včetně dokladů o příjmu, nájemní smlouvy a potvrzení o propuštění – konec dlouhého úkolu';

beforeAll(async () => {
  inst = await new TempInstallation().setup();
  const praha = (await inst.call('reference.create', { kind: 'region', name: 'Hlavní město Praha' })).id;
  const prison = (await inst.call('reference.create', { kind: 'prison', name: 'Věznice Pankrác' })).id;
  const admin = inst.backend.session!.user!.id;
  const base = { sex: 'male' as const, prisonId: prison, regionId: praha, municipality: 'Praha 4', sentenceStart: '2024-01-10', earliestRelease: '2027-01-15', latestRelease: '2027-06-30', assignedWorkerId: admin };
  clientId = (await inst.call('clients.create', { client: { ...base, code: 'KZP-4821', firstName: 'Jiří', lastName: 'Šťastný', dateOfBirth: '1988-04-12', preferredLanguage: 'cs' } })).id;
  englishClientId = (await inst.call('clients.create', { client: { ...base, code: 'ENG-0001', firstName: 'Marek', lastName: 'Kowalski', dateOfBirth: '1991-07-01', preferredLanguage: 'en', nationality: 'PL' } })).id;

  for (const id of [clientId, englishClientId]) {
    const documents = await inst.call('plan.addGoal', { clientId: id, domain: 'documentsInsurance', title: 'Mít platné doklady a pojištění' });
    await inst.call('plan.addTask', { clientId: id, goalId: documents.id, title: 'Žádost o občanský průkaz', dueDate: '2026-12-01', responsibleKind: 'worker', responsibleName: '' });
    const t2 = await inst.call('plan.addTask', { clientId: id, goalId: documents.id, title: 'Přihláška k VZP', dueDate: '2026-12-15', responsibleKind: 'client', responsibleName: '' });
    await inst.call('plan.setTaskStatus', { clientId: id, taskId: t2.id, status: 'done' });
    const housing = await inst.call('plan.addGoal', { clientId: id, domain: 'housing', title: 'Bydlení od prvního dne' });
    await inst.call('plan.addTask', { clientId: id, goalId: housing.id, title: 'Místo v azylovém domě Naděje', dueDate: '2027-01-05', responsibleKind: 'service', responsibleName: 'Azylový dům Naděje' });
    await inst.call('plan.setChecklistItem', { clientId: id, itemKey: 'identityDocument', status: 'done', note: '', notApplicableReason: '' });
  }
  // Many goals for the Czech client: the document runs over several pages, so page breaks are exercised.
  for (let g = 0; g < 9; g += 1) {
    const goal = await inst.call('plan.addGoal', { clientId, domain: 'employmentIncome', title: `Příjem a práce – cíl ${g + 1}` });
    for (let k = 0; k < 4; k += 1) {
      await inst.call('plan.addTask', { clientId, goalId: goal.id, title: k === 2 ? `Krok ${g + 1}: ${LONG_TASK} ${g + 1}` : `Úkol ${g + 1}.${k + 1}: schůzka na úřadu práce`, dueDate: '2027-01-10', responsibleKind: 'client', responsibleName: '' });
    }
  }
  const oat = await inst.call('directory.create', { name: 'Substituční centrum Drop In', type: 'oat_provider', regionId: praha, address: 'Karoliny Světlé 18, Praha 1', phone: '+420 222 221 431', openingHours: 'po–pá 8–16' });
  for (const id of [clientId, englishClientId]) {
    await inst.call('referrals.create', { clientId: id, serviceId: oat.id, reason: 'Pokračování substituční léčby (metadon) hned po propuštění', appointmentAt: '2027-01-16T09:30', status: 'accepted' });
  }
  await inst.call('contactLog.add', { clientId, at: '2026-10-01T10:00', channel: 'prisonVisit', phase: 'custody', participants: 'klient, sociální pracovnice', notes: 'Plánování propuštění.' });
  const answers = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`q${i + 1}`, '0']));
  const screening = await inst.raw('screenings.record', { clientId, instrumentId: 'audit', administeredOn: '2026-09-01', sex: 'male', answers });
  expect(screening.ok).toBe(true);
});
afterAll(() => inst?.dispose());

describe('printed client plan', () => {
  it('is a PDF in Czech with diacritics intact, the plan items, checklist, appointment and contacts', async () => {
    const out = await inst.call('print.clientPlan', { clientId });
    expect(out.fileName).toMatch(/^plan-KZP-4821-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = save('client-plan-cs.pdf', out.pdfBase64);
    expect(Buffer.from(out.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(file);
    for (const expected of [
      'Můj plán na dobu po propuštění',
      'Jiří Šťastný',
      'Žádost o občanský průkaz',
      'Přihláška k VZP',
      'Doklady a pojištění: Mít platné doklady a pojištění',
      'Platný doklad totožnosti',
      'Substituční centrum Drop In',
      '16. 1. 2027 9:30',
      'Pokračování substituční léčby',
      '+420 222 221 431',
      'Alena Správcová, Sananim z.ú.',
      'riziko předávkování',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The workers' own checklist steps are not on the client's copy.
    expect(text).not.toContain('Předávací soubor odeslán');
    const png = firstPagePng(file);
    expect(statSync(png).size).toBeGreaterThan(5_000);
  });

  it('has a header and footer with the client code and "page x of y" on every page', async () => {
    const out = await inst.call('print.clientPlan', { clientId });
    const file = save('client-plan-cs.pdf', out.pdfBase64);
    expect(out.pages).toBeGreaterThanOrEqual(2);
    for (let p = 1; p <= out.pages; p += 1) {
      const page = pdfText(file, p);
      expect(page, `page ${p}`).toContain('KZP-4821');
      expect(page, `page ${p}`).toContain(`Strana ${p} z ${out.pages}`);
      expect(page, `page ${p}`).toContain('Sananim z.ú.');
    }
  });

  it('breaks pages cleanly: a goal heading is on the page of its first step, a table row is never split', async () => {
    const out = await inst.call('print.clientPlan', { clientId });
    const file = save('client-plan-cs.pdf', out.pdfBase64);
    const pages = Array.from({ length: out.pages }, (_, i) => pdfText(file, i + 1).replace(/\s+/g, ' '));
    for (let g = 1; g <= 9; g += 1) {
      const headingPage = pages.findIndex((p) => p.includes(`Příjem a práce – cíl ${g} `) || p.endsWith(`Příjem a práce – cíl ${g}`));
      expect(headingPage, `goal ${g}`).toBeGreaterThanOrEqual(0);
      expect(pages[headingPage], `goal ${g} heading with its first step`).toContain(`Úkol ${g}.1`);
      // The long step wraps over several lines: its start and end are on the same page.
      const longStart = pages.findIndex((p) => p.includes(`Krok ${g}: Domluvit`));
      const longEnd = pages.findIndex((p) => p.includes(`konec dlouhého úkolu ${g}`));
      expect(longStart, `goal ${g} long step`).toBeGreaterThanOrEqual(0);
      expect(longEnd, `goal ${g} long step`).toBe(longStart);
    }
  });

  it('is printed in English for a client who prefers English, and in another language on request', async () => {
    const en = await inst.call('print.clientPlan', { clientId: englishClientId });
    const enText = pdfText(save('client-plan-en.pdf', en.pdfBase64));
    expect(enText).toContain('My plan for after release');
    expect(enText).toContain('Documents and insurance: Mít platné doklady a pojištění');
    expect(enText).toContain('Page 1 of');
    firstPagePng(path.join(OUT, 'client-plan-en.pdf'));
    const cs = await inst.call('print.clientPlan', { clientId: englishClientId, language: 'cs' });
    expect(pdfText(save('client-plan-en-as-cs.pdf', cs.pdfBase64))).toContain('Můj plán na dobu po propuštění');
  });

  it('printing is audited as a read of the client, without personal data', async () => {
    await inst.call('print.clientPlan', { clientId });
    const audit = await inst.call('audit.list', { action: 'client.printed' });
    expect(audit.entries[0]).toMatchObject({ entityId: clientId, details: { document: 'clientPlan', language: 'cs' } });
  });

  it('refuses an unknown client and writes nothing', async () => {
    const before = inst.snapshot();
    expect(await inst.raw('print.clientPlan', { clientId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await inst.raw('print.caseSummary', { clientId: 'nobody', language: 'cs' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(inst.snapshot()).toEqual(before);
  });
});

describe('printed case summary', () => {
  it('holds the client record, screening, plan, checklist, referrals and contact summary', async () => {
    const out = await inst.call('print.caseSummary', { clientId, language: 'cs' });
    const file = save('case-summary-cs.pdf', out.pdfBase64);
    const text = pdfText(file);
    for (const expected of [
      'Souhrn případu: Jiří Šťastný',
      'KZP-4821',
      '12. 4. 1988',
      'Věznice Pankrác',
      'Hlavní město Praha, Praha 4',
      'AUDIT',
      'Žádost o občanský průkaz',
      'Kontrolní seznam před propuštěním',
      'Substituční centrum Drop In',
      'Přijato',
      'Počet kontaktů: 1',
      'návštěva ve věznici',
    ]) {
      expect(text, expected).toContain(expected);
    }
    firstPagePng(file);
  });

  it('renderCaseSummaryPdf(data) gives the bytes for the handover file from plain data', async () => {
    const data: CaseSummaryPdfData = {
      language: 'en',
      organisation: 'Sananim z.ú.',
      printedAt: new Date('2027-01-10T10:00:00Z'),
      printedBy: 'Jana Nováková',
      client: {
        code: 'ABC-1234', firstName: 'Žofie', lastName: 'Řeháková', dateOfBirth: '1990-01-01', sex: 'female', nationality: 'CZ', preferredLanguage: 'cs',
        prisonName: 'Věznice Světlá nad Sázavou', sentenceStart: null, earliestRelease: '2027-02-01', latestRelease: null, actualRelease: null,
        regionName: 'Vysočina', municipality: 'Jihlava', assignedWorkerName: 'Jana Nováková', status: 'active',
      },
      assessment: { kind: 'intake', assessedOn: '2026-10-01', needs: { housing: 3, finances: 2 } },
      screenings: [{ instrument: 'DUDIT', administeredOn: '2026-10-02', total: 25, max: 44, zone: 'Probable dependence' }],
      plan: { goals: [], checklist: [] },
      servicesLog: [],
      referrals: [],
      contacts: { total: 0, custody: 0, afterRelease: 0, lastAt: null, recent: [] },
    };
    const pdf = await renderCaseSummaryPdf(data);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(OUT, 'case-summary-plain.pdf');
    writeFileSync(file, pdf);
    const text = pdfText(file);
    expect(text).toContain('Case summary: Žofie Řeháková');
    expect(text).toContain('25 / 44');
    expect(text).toContain('No referrals.');
    expect(existsSync(file)).toBe(true);
  });
});
