import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { attachments as attachmentTexts } from '../../shared/i18n/locales/attachments';
import { handover as handoverTexts } from '../../shared/i18n/locales/handover';
import { E2EInstallation, launchBrowser, screenshot, seriousA11yViolations } from './harness';

/**
 * Issue 10 item 5 in Czech at 1366×768: a caseworker adds a scanned ID (a PNG named .pdf is stored as PNG), sees
 * it, downloads it, is told in Czech that a renamed program is not a document, links the signed consent form to
 * its consent, and removes a scan; each step audited.
 */
const cs = attachmentTexts.cs;
const ADMIN = { username: 'alena', displayName: 'Alena Správcová', password: 'dlouhé heslo na pracovišti' };
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 0x41), Buffer.from('\n%%EOF\n')]);
let a: E2EInstallation;
let browser: Browser;
let page: Page;
let clientId = '';
let scanPng: Buffer;

beforeAll(async () => {
  a = await new E2EInstallation().start();
  const setup = await a.call('setup.initialize', { organisation: 'Sananim z.ú.', workstation: 'Pankrác PC-3', admin: ADMIN });
  const client = await a.call('clients.create', {
    client: { code: 'SVO-1990', firstName: 'Karel', lastName: 'Svoboda', dateOfBirth: '1990-03-15', sex: 'male', assignedWorkerId: setup.user.id, status: 'active' },
    confirmDuplicate: false,
  });
  clientId = client.id;
  await a.call('consent.add', { clientId, consent: { kind: 'processing', givenOn: '2026-02-03' } });

  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'cs-CZ', acceptDownloads: true });
  // A "scanned ID card": a real PNG, rendered by the same Chromium.
  const scanner = await context.newPage();
  await scanner.setContent('<div style="width:420px;height:260px;border:2px solid #333;border-radius:12px;font:20px sans-serif;padding:16px;background:#eef">OBČANSKÝ PRŮKAZ<br><br>Svoboda Karel<br>nar. 15. 3. 1990</div>');
  scanPng = await scanner.locator('div').screenshot();
  await scanner.close();
  page = await context.newPage();
  await page.goto(a.bridge.appUrl);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await a?.stop();
});

const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });
const rows = () => page.getByTestId('attachments-table').locator('tbody tr');

describe('attachments on the client record (issue 10 item 5)', () => {
  it('adds a scanned ID (a PNG named .pdf is stored as PNG), shows and downloads it', async () => {
    await nav('Klienti').click();
    await page.getByTestId('caseload-row').filter({ hasText: 'SVO-1990' }).click();
    await page.getByRole('tab', { name: cs.tab }).click();
    await expect.poll(() => page.getByText(cs.empty).isVisible(), { timeout: 20_000 }).toBe(true);

    await page.locator('input[type=file]').setInputFiles({ name: 'obcanka.pdf', mimeType: 'application/pdf', buffer: scanPng });
    await page.getByRole('combobox', { name: cs.kind }).click();
    await page.getByRole('option', { name: cs.kinds.idDocument }).click();
    await page.getByLabel(cs.note).fill('Platnost do 2031.');
    await screenshot(page, 'attachments-01-add');
    await page.getByRole('button', { name: cs.add }).click();
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(1);
    expect(await rows().first().innerText()).toContain('obcanka.png');
    expect(await rows().first().innerText()).toContain(cs.kinds.idDocument);

    await page.getByRole('button', { name: cs.showLabel.replace('{{name}}', 'obcanka.png') }).click();
    const img = page.getByRole('dialog').getByRole('img', { name: 'obcanka.png' });
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), { timeout: 20_000 }).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'attachments-02-preview');
    await page.keyboard.press('Escape');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: cs.downloadLabel.replace('{{name}}', 'obcanka.png') }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('obcanka.png');
    expect(Buffer.compare(readFileSync((await file.path())!), scanPng)).toBe(0);
  });

  it('refuses a program renamed .pdf with a Czech sentence and stores nothing', async () => {
    await page.locator('input[type=file]').setInputFiles({ name: 'smlouva.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500, 0x90)]) });
    await page.getByRole('button', { name: cs.add }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: cs.errors.attachments.unsupportedType }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await rows().count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'attachments-03-refused');
  });

  it('links the signed consent form to its consent, where it can be downloaded; removes the ID scan after confirmation', async () => {
    await page.locator('input[type=file]').setInputFiles({ name: 'souhlas-podepsany.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('combobox', { name: cs.kind }).click();
    await page.getByRole('option', { name: cs.kinds.consentForm }).click();
    await page.getByRole('combobox', { name: cs.consent }).click();
    await page.getByRole('option').first().click();
    await page.getByRole('button', { name: cs.add }).click();
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(2);
    await screenshot(page, 'attachments-04-two');

    await page.getByRole('button', { name: cs.removeLabel.replace('{{name}}', 'obcanka.png') }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toContain('obcanka.png');
    await screenshot(page, 'attachments-05-remove-dialog');
    await dialog.getByRole('button', { name: cs.removeConfirm }).click();
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(1);

    await page.getByRole('tab', { name: handoverTexts.cs.tab }).click();
    const scanButton = page.getByRole('button', { name: new RegExp(`^${cs.consentScan}`) });
    await expect.poll(() => scanButton.isVisible(), { timeout: 20_000 }).toBe(true);
    const download = page.waitForEvent('download');
    await scanButton.click();
    expect((await download).suggestedFilename()).toBe('souhlas-podepsany.pdf');
    await screenshot(page, 'attachments-06-consent-scan');

    const actions = (await a.call('audit.list', { entityId: clientId, limit: 200 })).entries.map((e) => e.action);
    expect(actions.filter((x) => x === 'attachment.added')).toHaveLength(2);
    expect(actions.filter((x) => x === 'attachment.downloaded').length).toBeGreaterThanOrEqual(3);
    expect(actions).toContain('attachment.removed');
  });
});
