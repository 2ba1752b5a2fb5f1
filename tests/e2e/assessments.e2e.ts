import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { LIFE_DOMAINS } from '../../shared/schemas/assessment';
import { assessments as texts } from '../../shared/i18n/locales/assessments';
import path from 'node:path';
import { E2EInstallation, SCREENSHOTS, launchBrowser, screenshot, seriousA11yViolations } from './harness';

const ADMIN = { username: 'alena', displayName: 'Alena Správcová', password: 'dlouhé heslo na pracovišti' };
const cs = texts.cs;
let inst: E2EInstallation;
let browser: Browser;
let page: Page;
let clientId = '';

const invoke: E2EInstallation['call'] = (name, input) => inst.call(name, input);

beforeAll(async () => {
  inst = await new E2EInstallation().start();
  const setup = await invoke('setup.initialize', { organisation: 'Sananim z.ú.', workstation: 'Pankrác PC-3', admin: ADMIN });
  const client = await invoke('clients.create', {
    client: { code: 'NOV-1985', firstName: 'Petr', lastName: 'Novák', dateOfBirth: '1985-03-12', sex: 'male', assignedWorkerId: setup.user.id },
    confirmDuplicate: false,
  });
  clientId = client.id;
  // An earlier AUDIT, so the chart shows a course over time.
  await invoke('screenings.record', {
    clientId,
    instrumentId: 'audit',
    administeredOn: '2024-01-15',
    sex: 'male',
    answers: { q1: '4', q2: '3', q3: '3', q4: '2', q5: '2', q6: '2', q7: '2', q8: '1', q9: '2', q10: '4' },
  });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'cs-CZ' })).newPage();
  await page.goto(inst.bridge.appUrl);
});
afterAll(async () => {
  await browser?.close();
  await inst?.stop();
});

const section = (id: string): Locator => page.getByRole('region', { name: (cs.sections as Record<string, { title: string }>)[id]!.title, exact: true });
const tab = (name: string) => page.getByRole('tab', { name });

/** Rates every life domain with the given level (radio "2 – střední" etc.). */
async function rateAll(level: 0 | 1 | 2 | 3, except: string[] = []) {
  for (const domain of LIFE_DOMAINS.filter((d) => !except.includes(d))) {
    await section(domain).getByRole('radio', { name: cs.need[level] }).check();
  }
}

/** What the user sees right now (a full-page capture misplaces sticky panels). */
async function viewShot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

async function waitForAutosave(): Promise<void> {
  await page.waitForTimeout(900); // the draft is saved 400 ms after the last keystroke
}

describe('assessments and screening, as a worker uses them', () => {
  it('fills in an intake assessment, is told exactly what is missing, then completes it', async () => {
    await expect.poll(() => page.getByTestId('caseload-row').count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('caseload-row').first().click();
    await expect.poll(() => page.getByRole('heading', { name: 'Novák Petr' }).isVisible()).toBe(true);
    await tab('Posouzení').click();
    await expect.poll(() => page.getByText(cs.list.empty).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Nové posouzení' }).click();
    const create = page.getByRole('form', { name: 'Nové posouzení' });
    expect(await create.getByLabel('Druh posouzení').inputValue()).toBe('intake');
    await create.getByRole('button', { name: 'Začít' }).click();
    await expect.poll(() => page.getByRole('form', { name: 'Formulář posouzení' }).isVisible(), { timeout: 20_000 }).toBe(true);

    const substances = section('substanceUse');
    await substances.getByRole('button', { name: 'Přidat látku' }).click();
    await substances.getByLabel('Látka', { exact: true }).selectOption({ label: 'Heroin' });
    await substances.getByLabel('Četnost před uvězněním').selectOption({ label: 'Denně' });
    await substances.getByLabel('Hlavní způsob aplikace').selectOption({ label: 'Injekčně' });
    await substances.getByLabel('Injekční užívání').selectOption({ label: 'V současnosti' });
    await substances.getByLabel('Poslední užití').fill('2024-02-28');
    await substances.getByLabel('Počet předávkování').fill('2');
    await section('treatment').getByLabel('Substituční léčba (OAT)').selectOption({ label: 'V minulosti' });
    await section('infectiousDiseases').getByLabel('HCV – datum testu').fill('2024-01-10');
    await section('infectiousDiseases').getByLabel('HCV – výsledek').selectOption({ label: 'Pozitivní' });
    await section('housing').getByLabel('Bydlení před nástupem trestu').selectOption({ label: 'Bez přístřeší' });
    await section('housing').getByLabel('Poznámky').fill('Před nástupem přespával u známých na Smíchově.');
    await section('goals').getByLabel('Čeho chce klient dosáhnout (jeho slovy)').fill('Najít si práci a bydlet u sestry v Kladně.');
    // Saving progress writes the record (a new revision) and the form carries on from it.
    await page.getByRole('button', { name: 'Uložit rozpracované' }).click();
    await expect.poll(() => page.getByText('Posouzení uloženo.').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => section('housing').getByLabel('Bydlení před nástupem trestu').inputValue()).toBe('homeless');
    expect((await invoke('assessments.list', { clientId }))[0]).toMatchObject({ status: 'inProgress', revision: 2 });
    await rateAll(2, ['legal', 'documents']);

    await page.getByRole('button', { name: 'Dokončit posouzení' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'nelze dokončit' }).innerText()).toContain('2 pole');
    expect(await section('legal').getByText(cs.validation.needRequired).isVisible()).toBe(true);
    expect(await section('documents').getByText(cs.validation.needRequired).isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'assessment-01-intake-missing-needs');
    await viewShot('assessment-01b-first-missing-need-focused');

    await section('legal').getByRole('radio', { name: cs.need[3] }).check();
    await section('documents').getByRole('radio', { name: cs.need[3] }).check();
    await page.getByRole('button', { name: 'Dokončit posouzení' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Dokončit posouzení' }).click();
    await expect.poll(() => page.getByText('Posouzení dokončeno.').isVisible(), { timeout: 20_000 }).toBe(true);
    // Read view: the answers in words, the need ratings as badges.
    await expect.poll(() => page.getByText('Bez přístřeší').isVisible()).toBe(true);
    expect(await page.getByText('Dokončeno', { exact: true }).first().isVisible()).toBe(true);
    expect(await section('legal').getByText(cs.need[3]).isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'assessment-02-intake-completed');
  });

  it('a review, prefilled from the intake, keeps what was typed across a page reload', async () => {
    await page.getByRole('button', { name: 'Zpět na seznam posouzení' }).click();
    await page.getByRole('button', { name: 'Nové posouzení' }).click();
    const create = page.getByRole('form', { name: 'Nové posouzení' });
    expect(await create.getByLabel('Druh posouzení').inputValue()).toBe('review'); // an intake exists
    expect(await create.getByRole('checkbox', { name: /Předvyplnit z posledního posouzení/ }).isChecked()).toBe(true);
    await create.getByRole('button', { name: 'Začít' }).click();
    await expect.poll(() => section('housing').getByLabel('Bydlení před nástupem trestu').inputValue(), { timeout: 20_000 }).toBe('homeless');

    await section('housing').getByLabel('Bydlení po propuštění').selectOption({ label: 'Zajištěno' });
    await section('housing').getByRole('radio', { name: cs.need[1] }).check();
    await section('substanceUse').getByLabel('Četnost před uvězněním').selectOption({ label: 'Neužívá' });
    await section('motivation').getByLabel('Poznámky').fill('Po půl roce ve výkonu trestu mluví o léčbě vážněji; chce do komunity.');
    await waitForAutosave();

    await page.reload();
    await expect.poll(() => page.getByTestId('draft-restored').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await section('housing').getByLabel('Bydlení po propuštění').inputValue()).toBe('arranged');
    expect(await section('housing').getByRole('radio', { name: cs.need[1] }).isChecked()).toBe(true);
    expect(await section('motivation').getByLabel('Poznámky').inputValue()).toBe('Po půl roce ve výkonu trestu mluví o léčbě vážněji; chce do komunity.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'assessment-03-review-draft-restored');

    await page.getByRole('button', { name: 'Dokončit posouzení' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Dokončit posouzení' }).click();
    await expect.poll(() => page.getByText('Posouzení dokončeno.').isVisible(), { timeout: 20_000 }).toBe(true);
  });

  it('compares the intake and the review side by side with the changes highlighted', async () => {
    await page.getByRole('button', { name: 'Zpět na seznam posouzení' }).click();
    const table = page.getByRole('table', { name: 'Posouzení klienta' });
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    await table.getByRole('checkbox', { name: /Vstupní posouzení/ }).check();
    await table.getByRole('checkbox', { name: /Průběžné posouzení/ }).check();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'assessment-04-list');
    await page.getByRole('button', { name: 'Porovnat vybraná' }).click();

    await expect.poll(() => page.getByTestId('compare-count').innerText(), { timeout: 20_000 }).toBe('4 změny');
    const housing = section('housing');
    const afterRelease = housing.getByRole('row', { name: /Bydlení po propuštění/ });
    expect(await afterRelease.getAttribute('data-changed')).toBe('true');
    expect(await afterRelease.innerText()).toMatch(/Změněno[\s\S]*—[\s\S]*Zajištěno/);
    expect(await housing.getByRole('row', { name: /Míra potřeby/ }).innerText()).toMatch(/2 – střední[\s\S]*1 – mírná/);
    expect(await section('substanceUse').getByRole('row', { name: /Četnost před uvězněním/ }).innerText()).toMatch(/Denně[\s\S]*Neužívá/);
    // Unchanged sections are hidden until "Changes only" is switched off.
    expect(await section('goals').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'assessment-05-compare');
    await page.getByRole('switch', { name: 'Jen změny' }).click({ force: true });
    await expect.poll(() => section('goals').isVisible()).toBe(true);
    expect(await section('goals').getByRole('row', { name: /Čeho chce klient/ }).getAttribute('data-changed')).toBeNull();

    // The same screen in English: every label translated, nothing overflowing.
    await page.getByText('English').click();
    await expect.poll(() => page.getByRole('heading', { name: 'Comparing assessments' }).isVisible()).toBe(true);
    expect(await page.getByTestId('compare-count').innerText()).toBe('4 changes');
    expect(await page.getByRole('region', { name: 'Housing', exact: true }).getByRole('row', { name: /Housing after release/ }).innerText()).toMatch(/Changed[\s\S]*—[\s\S]*Arranged/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'assessment-06-compare-en');
    await page.getByText('Čeština').click();
    await expect.poll(() => page.getByRole('heading', { name: 'Porovnání posouzení' }).isVisible()).toBe(true);
  });

  it('administers an AUDIT from the keyboard and sees the score, the zone and the course over time', async () => {
    await tab('Screening').click();
    await page.getByRole('button', { name: 'Zadat AUDIT' }).click();
    const form = page.getByRole('form', { name: 'AUDIT' });
    await expect.poll(() => form.isVisible(), { timeout: 20_000 }).toBe(true);
    // Scores 4,2,2,1,1,1,1,0 on items 1–8 (digit = score + 1) and 0, 4 on items 9–10 (digits 1 and 3): total 16.
    await form.getByRole('radiogroup').first().getByRole('radio').first().focus();
    for (const digit of ['5', '3', '3', '2', '2', '2', '2', '1', '1', '3']) await page.keyboard.press(digit);
    const score = page.getByTestId('screening-score');
    await expect.poll(() => score.innerText()).toContain('16');
    expect(await score.innerText()).toContain('Pásmo III – škodlivé pití');
    expect(await score.innerText()).toContain('Zodpovězeno 10 z 10');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('screening-save'); // the last digit moved on to "Save"
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'screening-01-audit-form');
    await viewShot('screening-01b-audit-form-viewport');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.getByText('Výsledek AUDIT uložen: 16 bodů.').isVisible(), { timeout: 20_000 }).toBe(true);
    const results = page.getByRole('table', { name: 'Výsledky screeningu' });
    await expect.poll(() => results.getByRole('row').count()).toBe(3);
    const newest = await results.getByRole('row').nth(1).innerText();
    expect(newest).toMatch(/AUDIT[\s\S]*16 z 40[\s\S]*Pásmo III – škodlivé pití[\s\S]*Alena Správcová/);
    expect(await results.getByRole('row').nth(2).innerText()).toMatch(/15\. 1\. 2024[\s\S]*25 z 40[\s\S]*Pásmo IV/);
    const chart = page.getByRole('figure', { name: /Graf skóre AUDIT/ });
    await expect.poll(() => chart.isVisible()).toBe(true);
    expect(await chart.locator('.recharts-line-dot, .recharts-dot').count()).toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'screening-02-results-chart');
  });

  it('DUDIT gives the zone for the client\'s sex: 4 points are below the men\'s cut-off and above the women\'s', async () => {
    await page.getByRole('button', { name: 'Zadat DUDIT' }).click();
    const form = page.getByRole('form', { name: 'DUDIT' });
    await expect.poll(() => form.isVisible(), { timeout: 20_000 }).toBe(true);
    // The client record says male; the cut-offs follow it.
    expect(await form.getByRole('radio', { name: 'Muž' }).isChecked()).toBe(true);
    await form.getByRole('radiogroup').nth(1).getByRole('radio').first().focus(); // the first group is the sex
    // Items 1 and 3 score 2 (digit 3), the rest 0: total 4.
    for (const digit of ['3', '1', '3', '1', '1', '1', '1', '1', '1', '1', '1']) await page.keyboard.press(digit);
    const score = page.getByTestId('screening-score');
    await expect.poll(() => score.innerText()).toContain('Zodpovězeno 11 z 11');
    expect(await score.innerText()).toMatch(/4[\s\S]*Bez známek problémů s drogami/);
    await form.getByText('Žena', { exact: true }).click();
    await expect.poll(() => score.innerText()).toContain('Pravděpodobné problémy s drogami');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await viewShot('screening-03-dudit-female-cutoff');
    await form.getByText('Muž', { exact: true }).click();
    await form.getByRole('button', { name: 'Uložit výsledek' }).click();
    await expect.poll(() => page.getByText('Výsledek DUDIT uložen: 4 body.').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByRole('figure', { name: /Graf skóre DUDIT/ }).isVisible()).toBe(true);
    expect(await page.getByRole('table', { name: 'Výsledky screeningu' }).getByRole('row').nth(1).innerText()).toMatch(/DUDIT[\s\S]*4 z 44[\s\S]*Bez známek/);
  });
});
