import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { E2EInstallation, launchBrowser, screenshot, seriousA11yViolations } from './harness';

const ADMIN = { username: 'alena', displayName: 'Alena Správcová', password: 'dlouhé heslo na pracovišti' };
const JANA = { username: 'jana', displayName: 'Jana Nováková', password: 'heslo Jany na pracovišti' };
let inst: E2EInstallation;
let browser: Browser;
let page: Page;
let code: string;

const invoke: E2EInstallation['call'] = (name, input) => inst.call(name, input);

/** Jana registers and opens a client; the admin then reads the log. */
beforeAll(async () => {
  inst = await new E2EInstallation().start();
  await invoke('setup.initialize', { organisation: 'Sananim z.ú.', workstation: 'Pankrác PC-3', admin: ADMIN });
  const jana = await invoke('users.create', { username: JANA.username, displayName: JANA.displayName, role: 'caseworker', password: JANA.password });
  await invoke('session.lock', { reason: 'user' });
  await invoke('session.login', { username: JANA.username, password: JANA.password });
  const client = await invoke('clients.create', { client: { code: 'HXB-9976', firstName: 'Šimon', lastName: 'Svoboda', dateOfBirth: '1990-03-03', sex: 'male', assignedWorkerId: jana.id } });
  code = client.code;
  await invoke('clients.get', { id: client.id });
  await invoke('clients.setStatus', { id: client.id, status: 'active', revision: client.revision });
  await invoke('session.lock', { reason: 'idle' });
  await invoke('session.login', { username: ADMIN.username, password: ADMIN.password });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'cs-CZ', acceptDownloads: true })).newPage();
  await page.goto(inst.bridge.appUrl);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await inst?.stop();
});

/** Mantine Select by its label (a searchable one is a combobox), then the option. */
async function choose(label: string, option: string) {
  await page.getByRole('combobox', { name: label }).or(page.getByRole('textbox', { name: label })).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}
const rowsText = async () => (await page.getByTestId('audit-row').allInnerTexts()).join('\n');

describe('the audit log as an admin reads it, in Czech at 1366×768', () => {
  it('shows sentences with display names and client codes, no codes or JSON, without horizontal scrolling', async () => {
    await expect.poll(() => page.getByRole('button', { name: 'Auditní záznam' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await page.getByRole('button', { name: 'Auditní záznam' }).click();
    await expect.poll(() => page.getByTestId('audit-row').count(), { timeout: 20_000 }).toBeGreaterThan(5);
    const text = await rowsText();
    expect(text).toContain(`Jana Nováková\tOtevření záznamu klienta ${code}`);
    expect(text).toContain(`Změna stavu klienta ${code}: Příjem → Aktivní`);
    expect(text).toContain('Zamčení aplikace (po nečinnosti)');
    expect(text).toContain('Založení uživatele Jana Nováková');
    // Never the raw action code, a JSON object, a username or an internal id.
    expect(text).not.toMatch(/client\.read|session\.login|[{}]|\bjana\b|[0-9a-f]{8}-[0-9a-f]{4}/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/screenshots/audit-01-sentences-viewport.png' });
    await screenshot(page, 'audit-01-sentences');
  });

  it('filters by person, client and event, and exports exactly that view as CSV for Czech Excel', async () => {
    await choose('Kdo', 'Jana Nováková');
    await page.getByRole('textbox', { name: 'Kód klienta' }).fill(code.toLowerCase());
    // Jana's entries about this client: registration, opening, status change.
    await expect.poll(() => page.getByTestId('audit-row').count(), { timeout: 20_000 }).toBe(3);
    expect(await rowsText()).toContain(`Registrace klienta ${code}`);
    await choose('Událost', 'Otevření záznamu klienta');
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(1);
    await screenshot(page, 'audit-02-filtered');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export do CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^auditni-zaznam-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync((await file.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('Číslo záznamu;Datum a čas;Kdo;Událost;Klient;Kód akce');
    expect(lines[1]).toMatch(new RegExp(`;Jana Nováková;Otevření záznamu klienta ${code};${code};client\\.read$`));
    await expect.poll(() => page.getByText(/Auditní záznam uložen do souboru/).isVisible()).toBe(true);

    // The export is itself in the log.
    const exported = await invoke('audit.list', { action: 'audit.exported' });
    expect(exported.entries[0]?.details).toEqual({ rows: 1, filtered: 'action,actorId,clientCode' });
  });

  it('an unknown client code says so in Czech instead of showing an empty log', async () => {
    await page.getByRole('textbox', { name: 'Kód klienta' }).fill('ZZZ-0000');
    await expect.poll(() => page.getByRole('alert').first().innerText(), { timeout: 20_000 }).toContain('Klient s kódem „ZZZ-0000“ neexistuje');
    await screenshot(page, 'audit-03-unknown-client');
  });
});
