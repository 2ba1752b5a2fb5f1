import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { E2EInstallation, launchBrowser, screenshot, seriousA11yViolations } from './harness';

/** Backup and restore as an administrator walks them (SPEC W12), in Czech at 1366×768. */

const ADMIN = { username: 'alena', displayName: 'Alena Správcová', password: 'dlouhé heslo na pracovišti' };
let inst: E2EInstallation;
let fresh: E2EInstallation;
let browser: Browser;
let page: Page;
let recoveryKey = '';
const usb = mkdtempSync(path.join(tmpdir(), 'throughcare-e2e-usb-'));

beforeAll(async () => {
  inst = await new E2EInstallation().start();
  recoveryKey = (await inst.call('setup.initialize', { organisation: 'Sananim z.ú.', workstation: 'Věznice Pankrác PC-3', admin: ADMIN })).recoveryKey;
  await inst.call('session.lock', { reason: 'user' });
  fresh = await new E2EInstallation().start();
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'cs-CZ' })).newPage();
  await page.goto(inst.bridge.appUrl);
});
afterAll(async () => {
  await browser?.close();
  await inst?.stop();
  await fresh?.stop();
  rmSync(usb, { recursive: true, force: true });
});

async function login(p: Page) {
  await p.getByLabel('Uživatelské jméno').fill(ADMIN.username);
  await p.getByLabel(/^Heslo\s*\*?$/).fill(ADMIN.password);
  await p.getByRole('button', { name: 'Přihlásit' }).click();
  await expect.poll(() => p.getByTestId('signed-in-as').isVisible(), { timeout: 30_000 }).toBe(true);
}

describe('backup and restore in the app', () => {
  it('warns on the overview until the first backup, then backs up from Settings into the chosen folder', async () => {
    await login(page);
    await page.getByRole('button', { name: 'Přehled', exact: true }).click();
    await expect.poll(() => page.getByTestId('backup-warning').innerText()).toContain('Tato stanice ještě nebyla zálohována.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'backup-01-home-warning');

    await page.getByRole('button', { name: 'Nastavení', exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Zálohy', exact: true }).isVisible()).toBe(true);
    await page.getByLabel('Složka pro zálohy').fill(path.join(usb, 'neexistuje'));
    await page.getByRole('button', { name: 'Zálohovat nyní' }).click();
    await expect.poll(() => page.getByRole('alert').innerText(), { timeout: 30_000 }).toContain('Složka pro zálohu neexistuje.');
    await screenshot(page, 'backup-02-folder-missing');

    await page.getByLabel('Složka pro zálohy').fill(usb);
    await page.getByRole('button', { name: 'Zálohovat nyní' }).click();
    await expect.poll(() => page.getByTestId('last-backup').innerText(), { timeout: 60_000 }).toMatch(/^Poslední záloha: \d{1,2}\. \d{1,2}\. \d{4}/);
    await expect.poll(() => page.getByRole('cell', { name: /\.tcbackup$/ }).count()).toBe(1);
    expect(readdirSync(usb).filter((f) => f.endsWith('.tcbackup'))).toHaveLength(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'backup-03-settings-done');

    await page.getByRole('button', { name: 'Přehled', exact: true }).click();
    await expect.poll(() => page.getByTestId('backup-warning').count()).toBe(0);
  });

  it('restores over this workstation from the lock screen with the recovery key, after confirmation', async () => {
    await page.getByRole('button', { name: 'Zamknout' }).click();
    await page.getByRole('button', { name: 'Obnovit ze zálohy' }).click();
    const file = path.join(usb, readdirSync(usb).find((f) => f.endsWith('.tcbackup'))!);
    await page.getByLabel('Cesta k souboru zálohy').fill(file);
    await page.getByRole('button', { name: 'Zkontrolovat zálohu' }).click();
    await expect.poll(() => page.getByTestId('backup-found').innerText()).toContain('organizace Sananim z.ú., stanice Věznice Pankrác PC-3');
    await page.getByText('Záchranným klíčem').click();
    await page.getByLabel('Záchranný klíč').fill(recoveryKey);
    expect(await page.getByRole('button', { name: 'Obnovit', exact: true }).isDisabled()).toBe(true);
    await page.getByLabel('Rozumím, současná data se nahradí zálohou').check();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'backup-04-restore-confirm');
    await page.getByRole('button', { name: 'Obnovit', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().innerText(), { timeout: 60_000 }).toMatch(/byla obnovena\. Přihlaste se\./);
    await screenshot(page, 'backup-05-restored');
    expect(readdirSync(inst.dir).some((f) => f.startsWith('replaced-'))).toBe(true);
    await page.getByRole('button', { name: 'Zpět' }).click();
    await login(page);
  });

  it('first run offers a restore instead of a new setup; a wrong password gets its own sentence', async () => {
    const p = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'cs-CZ' })).newPage();
    await p.goto(fresh.bridge.appUrl);
    await p.getByRole('button', { name: 'Obnovit ze zálohy' }).click();
    const file = path.join(usb, readdirSync(usb).find((f) => f.endsWith('.tcbackup'))!);
    await p.getByLabel('Cesta k souboru zálohy').fill(file);
    await p.getByRole('button', { name: 'Zkontrolovat zálohu' }).click();
    await expect.poll(() => p.getByTestId('backup-found').isVisible()).toBe(true);
    await p.getByLabel('Uživatelské jméno').fill(ADMIN.username);
    await p.getByLabel(/^Heslo\s*\*?$/).fill('tohle heslo neplatí');
    await p.getByRole('button', { name: 'Obnovit', exact: true }).click();
    await expect.poll(() => p.getByRole('alert').innerText(), { timeout: 60_000 }).toContain('Toto heslo ani záchranný klíč tuto zálohu neotevírá.');
    expect(await seriousA11yViolations(p)).toEqual([]);
    await screenshot(p, 'backup-06-first-run-wrong-password');
    await p.getByLabel(/^Heslo\s*\*?$/).fill(ADMIN.password);
    await p.getByRole('button', { name: 'Obnovit', exact: true }).click();
    await expect.poll(() => p.getByRole('status').first().innerText(), { timeout: 60_000 }).toMatch(/byla obnovena/);
    await p.getByRole('button', { name: 'Zpět' }).click();
    await login(p);
  });
});
