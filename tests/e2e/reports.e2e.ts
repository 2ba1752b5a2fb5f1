import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { reports as texts } from '../../shared/i18n/locales/reports';
import { generateDemoData } from '../../electron/node/demo/demoData';
import { E2EInstallation, launchBrowser, screenshot, seriousA11yViolations } from './harness';

const ADMIN = { username: 'alena', displayName: 'Alena Správcová', password: 'dlouhé heslo na pracovišti' };
const EVALUATOR = { username: 'eva', displayName: 'Eva Hodnotitelka', password: 'heslo hodnotitelky programu' };
const cs = texts.cs;
let inst: E2EInstallation;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  inst = await new E2EInstallation().start();
  await inst.call('setup.initialize', { organisation: 'Sananim z.ú.', workstation: 'Pankrác PC-3', admin: ADMIN });
  const store = inst.backend.session!.store;
  generateDemoData(store.db, store.sqlite, [inst.backend.session!.user!.id], { clients: 150, notes: 1200, assessments: 0, seed: 5 });
  await inst.call('users.create', { ...EVALUATOR, role: 'evaluator' });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'cs-CZ', acceptDownloads: true })).newPage();
  await page.goto(inst.bridge.appUrl);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await inst?.stop();
});

const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name });
async function showLast12Months() {
  await page.getByRole('combobox', { name: cs.period.preset }).click();
  await page.getByRole('option', { name: cs.period.last12, exact: true }).click();
  await expect.poll(() => page.getByTestId('indicator-contacted72h').isVisible(), { timeout: 30_000 }).toBe(true);
}

describe('outcome dashboard, as a coordinator and an evaluator use it', () => {
  it('the admin sees every indicator in Czech with numbers and rules, and drills down to the clients behind a number', async () => {
    await nav(cs.nav.dashboard).click();
    await expect.poll(() => page.getByRole('heading', { name: cs.title, level: 2 }).isVisible(), { timeout: 30_000 }).toBe(true);
    await showLast12Months();
    const card = page.getByTestId('indicator-contacted72h');
    expect(await card.innerText()).toContain(cs.indicators.contacted72h.title);
    expect(await card.innerText()).toContain(cs.indicators.contacted72h.rule);
    await screenshot(page, 'reports-01-dashboard-cs');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const numerator = Number(await page.getByTestId('numerator-contacted72h').innerText());
    expect(numerator).toBeGreaterThan(0);
    await page.getByTestId('numerator-contacted72h').click();
    await expect.poll(() => page.getByTestId('indicator-clients').locator('tbody tr').count(), { timeout: 20_000 }).toBe(numerator);
    await screenshot(page, 'reports-02-drilldown');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The first client opens on the client record.
    const first = page.getByTestId('indicator-clients').locator('tbody tr').first().getByRole('button');
    const name = (await first.innerText()).trim();
    await first.click();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().innerText(), { timeout: 20_000 }).toContain(name.split(' ').at(-1)!);
  }, 180_000);

  it('splits by prison and prints the PDF for the funder', async () => {
    await nav(cs.nav.dashboard).click();
    await showLast12Months();
    await page.getByRole('radiogroup', { name: cs.splitBy.label }).getByText(cs.splitBy.prison, { exact: true }).click();
    expect(await page.getByTestId('indicator-contacted72h').locator('table tr').count()).toBeGreaterThan(1);
    await screenshot(page, 'reports-03-by-prison');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: cs.print }).click()]);
    expect(download.suggestedFilename()).toMatch(/^indicators-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');
  }, 180_000);

  it('the evaluator sees the dashboard and makes the export, but no client and no number opens one', async () => {
    await page.getByRole('button', { name: 'Zamknout' }).click();
    await page.getByLabel('Uživatelské jméno').fill(EVALUATOR.username);
    await page.getByLabel(/^Heslo\s*\*?$/).fill(EVALUATOR.password);
    await page.getByRole('button', { name: 'Přihlásit' }).click();
    await expect.poll(() => page.getByRole('heading', { name: cs.title, level: 2 }).isVisible(), { timeout: 30_000 }).toBe(true);
    await showLast12Months();
    expect(await page.getByText(cs.evaluatorNote).isVisible()).toBe(true);
    expect(await nav('Klienti').count()).toBe(0);
    // Numbers are text, not buttons: nothing leads to a client.
    expect(await page.getByRole('button', { name: /Zobrazit klienty/ }).count()).toBe(0);
    await screenshot(page, 'reports-04-evaluator');
    expect(await seriousA11yViolations(page)).toEqual([]);
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await page.getByRole('button', { name: cs.export }).click();
    await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(2);
    expect(downloads.sort()).toEqual([expect.stringMatching(/^evaluation-clients-/), expect.stringMatching(/^evaluation-period-/)]);
  }, 180_000);
});
