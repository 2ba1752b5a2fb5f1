import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { directory as texts } from '../../shared/i18n/locales/directory';
import { E2EInstallation, launchBrowser, screenshot, seriousA11yViolations } from './harness';

const ADMIN = { username: 'alena', displayName: 'Alena Správcová', password: 'dlouhé heslo na pracovišti' };
const cs = texts.cs;
let inst: E2EInstallation;
let browser: Browser;
let page: Page;

const invoke: E2EInstallation['call'] = (name, input) => inst.call(name, input);

beforeAll(async () => {
  inst = await new E2EInstallation().start();
  const setup = await invoke('setup.initialize', { organisation: 'Sananim z.ú.', workstation: 'Pankrác PC-3', admin: ADMIN });
  const praha = (await invoke('reference.create', { kind: 'region', name: 'Hlavní město Praha' })).id;
  await invoke('reference.create', { kind: 'region', name: 'Jihomoravský kraj' });
  await invoke('directory.create', { name: 'Azylový dům Naděje', type: 'shelter', regionId: praha, address: 'Na Slupi 1, Praha 2', phone: '+420 222 333 444', openingHours: 'nonstop' });
  const client = await invoke('clients.create', {
    client: { code: 'SVO-1990', firstName: 'Šimon', lastName: 'Svoboda', dateOfBirth: '1990-03-03', sex: 'male', assignedWorkerId: setup.user.id, earliestRelease: '2027-01-15', regionId: praha, status: 'active' },
    confirmDuplicate: false,
  });
  const goal = await invoke('plan.addGoal', { clientId: client.id, domain: 'documentsInsurance', title: 'Doklady' });
  await invoke('plan.addTask', { clientId: client.id, goalId: goal.id, title: 'Žádost o občanský průkaz', dueDate: '2026-12-01', responsibleKind: 'worker', responsibleName: '' });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'cs-CZ', acceptDownloads: true })).newPage();
  await page.goto(inst.bridge.appUrl);
});
afterAll(async () => {
  await browser?.close();
  await inst?.stop();
});

const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name });
/** Mantine Select by its label (a searchable one is a combobox), then the option. */
async function choose(scope: Page | Locator, label: string | RegExp, option: string) {
  await scope.getByRole('combobox', { name: label }).or(scope.getByRole('textbox', { name: label })).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const CSV = [
  'name;type;region;address;phone;opening_hours;intake_criteria',
  'Substituční centrum Drop In;oat_provider;Hlavní město Praha;"Karoliny Světlé 18; Praha 1";+420 222 221 431;po–pá 8–16;klienti s OAT',
  'Hostel Ráj;hostel;Hlavní město Praha;;;;',
  'Terapeutická komunita Karlov;Terapeutická komunita;Jihomoravský kraj;Karlov 1;;;abstinence 14 dní',
].join('\r\n');

describe('service directory, referral and printing, as a worker uses them', () => {
  it('imports a CSV: sees the bad line with its reason, nothing saved until confirmed, then the good rows', async () => {
    await expect.poll(() => nav(cs.title).isVisible(), { timeout: 20_000 }).toBe(true);
    await nav(cs.title).click();
    await expect.poll(() => page.getByRole('heading', { name: cs.title }).isVisible()).toBe(true);
    expect(await page.getByText('1 služba').isVisible()).toBe(true);

    await page.getByLabel(cs.import.pickFile).setInputFiles({ name: 'adresar-sananim.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${CSV}`) });
    const preview = page.getByTestId('import-preview');
    await expect.poll(() => preview.isVisible(), { timeout: 20_000 }).toBe(true);
    const errors = page.getByTestId('import-errors');
    expect(await errors.innerText()).toContain('Řádek 3');
    expect(await errors.innerText()).toContain('type: „hostel“ není známý typ služby.');
    expect(await preview.getByText('2 řádky lze importovat').isVisible()).toBe(true);
    expect(await page.getByTestId('import-rows').getByRole('row').count()).toBe(3); // header + 2
    // Nothing is in the directory yet.
    expect(await page.getByText('1 služba').isVisible()).toBe(true);
    await page.mouse.move(640, 5); // off the navigation: axe checks the page at rest, not a hover state
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'directory-01-import-preview');

    await preview.getByRole('button', { name: 'Importovat 2 služby' }).click();
    await expect.poll(() => page.getByText('3 služby').isVisible(), { timeout: 20_000 }).toBe(true);
    const table = page.getByTestId('directory-table');
    expect(await table.innerText()).toContain('Substituční centrum Drop In');
    expect(await table.innerText()).toContain('Karoliny Světlé 18; Praha 1');
    expect(await table.innerText()).toContain('Terapeutická komunita Karlov');
    expect(await page.getByTestId('import-preview').count()).toBe(0);

    await choose(page, cs.filter.region, 'Jihomoravský kraj');
    await expect.poll(() => page.getByText('1 služba').isVisible()).toBe(true);
    expect(await table.innerText()).toContain('Terapeutická komunita Karlov');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'directory-02-filtered');
  });

  it('adds a service by hand: empty required fields are refused in Czech, then it appears in the list', async () => {
    await nav(cs.title).click();
    await page.getByRole('button', { name: cs.add }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Název služby/).fill(' ');
    await dialog.getByRole('button', { name: 'Uložit' }).click();
    await expect.poll(() => dialog.getByText('Vyplňte prosím.').count()).toBe(2); // name and region
    await dialog.getByLabel(/^Název služby/).fill('Probační a mediační služba Praha');
    await choose(dialog, /^Typ služby/, cs.types.probation_office);
    await choose(dialog, /^Kraj/, 'Hlavní město Praha');
    await dialog.getByLabel(cs.fields.email).fill('pms@example');
    await dialog.getByRole('button', { name: 'Uložit' }).click();
    await expect.poll(() => dialog.getByText(/e-mail/i).count()).toBeGreaterThan(1); // the label and the message
    await dialog.getByLabel(cs.fields.email).fill('praha@pms.example.cz');
    await screenshot(page, 'directory-03a-add-service');
    await dialog.getByRole('button', { name: 'Uložit' }).click();
    await expect.poll(() => dialog.isVisible(), { timeout: 20_000 }).toBe(false);
    await choose(page, cs.filter.region, 'Hlavní město Praha'); // the filter from before still shows Jihomoravský kraj
    await expect.poll(() => page.getByTestId('directory-table').innerText(), { timeout: 20_000 }).toContain('Probační a mediační služba Praha');
  });

  it('refers the client to a service from the directory, with reason, appointment and status', async () => {
    await nav('Klienti').click();
    await expect.poll(() => page.getByTestId('caseload-row').count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('caseload-row').first().click();
    await expect.poll(() => page.getByRole('heading', { name: 'Svoboda Šimon' }).isVisible()).toBe(true);
    await page.getByRole('tab', { name: cs.referrals.tab }).click();
    await expect.poll(() => page.getByText(cs.referrals.empty).isVisible()).toBe(true);

    const form = page.getByRole('form', { name: cs.referrals.add });
    await form.getByRole('button', { name: cs.referrals.add }).click();
    await expect.poll(() => form.getByText('Vyplňte prosím.').count()).toBe(2); // service and reason are required
    await choose(form, /^Služba/, 'Substituční centrum Drop In (Hlavní město Praha)');
    expect(await form.getByText('po–pá 8–16').isVisible()).toBe(true); // the service's details, to tell the client
    await form.getByLabel(/^Důvod doporučení/).fill('Pokračování substituční léčby hned po propuštění');
    await form.getByLabel(cs.referrals.appointmentAt).fill('16.1.2027'); // day first, as typed in Czechia
    await form.getByLabel('Čas', { exact: true }).fill('9.30');
    await choose(form, cs.referrals.status, cs.referrals.statuses.sent);
    await form.getByRole('button', { name: cs.referrals.add }).click();

    const table = page.getByTestId('referrals-table');
    await expect.poll(() => table.isVisible(), { timeout: 20_000 }).toBe(true);
    // The form is empty again for the next referral.
    await expect.poll(() => form.getByRole('combobox', { name: /^Služba/ }).inputValue()).toBe('');
    expect(await table.innerText()).toContain('Substituční centrum Drop In');
    expect(await table.innerText()).toContain('16. 1. 2027');
    await choose(table, `${cs.referrals.status}: Substituční centrum Drop In`, cs.referrals.statuses.accepted);
    await expect.poll(() => page.getByText(cs.referrals.updated).isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'directory-03-referral');
    const audit = await invoke('audit.list', { action: 'referral.updated' });
    expect(audit.entries[0]?.details).toMatchObject({ from: 'sent', to: 'accepted' });
  });

  it('saves the client plan and the case summary as PDF downloads', async () => {
    await page.getByRole('tab', { name: cs.print.tab }).click();
    await expect.poll(() => page.getByRole('button', { name: cs.print.savePlan }).isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'directory-04-print');

    for (const [button, prefix] of [[cs.print.savePlan, 'plan-SVO-1990-'], [cs.print.saveSummary, 'case-summary-SVO-1990-']] as const) {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('button', { name: button }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${prefix}\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(bytes.length).toBeGreaterThan(10_000); // embedded fonts: a real document, not an error page
    }
    const printed = await invoke('audit.list', { action: 'client.printed' });
    expect(printed.entries.map((e) => e.details.document)).toEqual(['caseSummary', 'clientPlan']);
  });
});
