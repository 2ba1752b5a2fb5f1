import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CallName, InputOf, OutputOf } from '../../shared/api';
import { handover as texts } from '../../shared/i18n/locales/handover';
import { E2EInstallation, launchBrowser, screenshot, seriousA11yViolations } from './harness';

/**
 * Issue 5 end to end, as two workers do it: Alena at the prison (Sananim, installation A) and Bohdana at the
 * community NGO (Podané ruce, installation B) exchange cards, compare safety codes, Alena records the client's
 * consent and saves the handover file to a "USB stick" folder, Bohdana imports it and saves the receipt, Alena
 * imports the receipt and sees "receipt received".
 */

const cs = texts.cs;
const ORG_A = 'Sananim z.ú.';
const ORG_B = 'Podané ruce o.p.s.';
const USER_A = { username: 'alena', displayName: 'Alena Správcová', password: 'dlouhé heslo na pracovišti' };
const USER_B = { username: 'bohdana', displayName: 'Bohdana Nováková', password: 'jiné dlouhé heslo v Brně' };
let a: E2EInstallation;
let b: E2EInstallation;
let browser: Browser;
let pageA: Page;
let pageB: Page;
const usb = mkdtempSync(path.join(tmpdir(), 'throughcare-usb-'));
let clientId = '';
let workerA = '';

async function invoke<N extends CallName>(inst: E2EInstallation, name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const result = await inst.backend.invoke(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as OutputOf<N>;
}

beforeAll(async () => {
  a = await new E2EInstallation().start();
  b = await new E2EInstallation().start();
  const setupA = await invoke(a, 'setup.initialize', { organisation: ORG_A, workstation: 'Pankrác PC-3', admin: USER_A });
  await invoke(b, 'setup.initialize', { organisation: ORG_B, workstation: 'Brno PC-1', admin: USER_B });
  const client = await invoke(a, 'clients.create', {
    client: { code: 'SVO-1990', firstName: 'Karel', lastName: 'Svoboda', dateOfBirth: '1990-03-15', sex: 'male', assignedWorkerId: setupA.user.id, status: 'active', notes: 'Chce bydlet u sestry v Brně.' },
    confirmDuplicate: false,
  });
  clientId = client.id;
  workerA = setupA.user.id;
  for (let i = 1; i <= 2; i++) {
    await invoke(a, 'contactLog.add', { clientId, at: `2025-0${i}-10T10:00`, channel: 'prisonVisit', phase: 'custody', participants: 'klient', notes: `Návštěva ${i}: bydlení, OST.` });
  }
  browser = await launchBrowser();
  pageA = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'cs-CZ', acceptDownloads: true })).newPage();
  pageB = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'cs-CZ', acceptDownloads: true })).newPage();
  await pageA.goto(a.bridge.appUrl);
  await pageB.goto(b.bridge.appUrl);
});
afterAll(async () => {
  await browser?.close();
  await a?.stop();
  await b?.stop();
  rmSync(usb, { recursive: true, force: true });
});

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });

async function ownSafetyCode(page: Page): Promise<string> {
  await nav(page, cs.nav.identity).click();
  const code = page.getByTestId('own-safety-code');
  await expect.poll(() => code.isVisible(), { timeout: 20_000 }).toBe(true);
  return (await code.innerText()).replace(/\s+/g, ' ').trim();
}

describe('handover between two installations, through the UI', () => {
  let codeA = '';
  let codeB = '';

  it('shows my identity card with the safety code in groups and the QR code; the card saves as a file', async () => {
    codeB = await ownSafetyCode(pageB);
    expect(codeB).toMatch(/^\d{5}( \d{5}){5}$/);
    expect(await pageB.getByTestId('identity-card').innerText()).toContain(ORG_B);
    expect(await pageB.getByRole('img', { name: cs.identity.qrAlt }).or(pageB.getByRole('img', { name: cs.identity.qrAltFingerprint })).isVisible()).toBe(true);
    expect(await seriousA11yViolations(pageB)).toEqual([]);
    await screenshot(pageB, 'handover-01-identity-card');
    const download = pageB.waitForEvent('download');
    await pageB.getByRole('button', { name: cs.identity.save }).click();
    await (await download).saveAs(path.join(usb, 'bohdana.card.json'));
    expect((await download).suggestedFilename()).toBe('bohdana-novakova.card.json');
    codeA = await ownSafetyCode(pageA);
  });

  it('adds a contact from a card file: unverified until the code read by phone matches', async () => {
    await nav(pageA, cs.nav.contacts).click();
    await expect.poll(() => pageA.getByText(cs.contacts.empty).isVisible()).toBe(true);
    await pageA.getByRole('button', { name: cs.contacts.add }).click();
    await pageA.locator('input[type=file]').setInputFiles(path.join(usb, 'bohdana.card.json'));
    await pageA.getByRole('button', { name: cs.contacts.check }).click();
    await expect.poll(() => pageA.getByTestId('inspected-card').innerText()).toContain(ORG_B);
    await pageA.getByRole('button', { name: cs.contacts.addUnverified }).click();
    const row = pageA.getByTestId('contact-row');
    await expect.poll(() => row.innerText()).toContain(cs.contacts.unverified);
    expect(await seriousA11yViolations(pageA)).toEqual([]);
    await screenshot(pageA, 'handover-02-contact-unverified');

    await pageA.getByRole('button', { name: `${cs.contacts.verify}: ${USER_B.displayName}` }).click();
    const dialog = pageA.getByRole('dialog');
    expect((await dialog.getByTestId('contact-safety-code').innerText()).replace(/\s+/g, ' ').trim()).toBe(codeB);
    // A misheard digit is refused with the reason, and the contact stays unverified.
    const wrong = codeB.replace(/^\d/, (d) => String((Number(d) + 1) % 10));
    await dialog.getByLabel(new RegExp(`^${cs.contacts.typeCode}`)).fill(wrong);
    await dialog.getByRole('button', { name: cs.contacts.markVerified }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain(cs.errors.handover.safetyCodeMismatch);
    await screenshot(pageA, 'handover-03-verify-mismatch');
    await dialog.getByLabel(new RegExp(`^${cs.contacts.typeCode}`)).fill(codeB.replace(/ /g, ''));
    await dialog.getByRole('button', { name: cs.contacts.markVerified }).click();
    await expect.poll(() => row.innerText()).toContain(cs.contacts.verified);
    expect(await row.innerText()).not.toContain(cs.contacts.unverified);
  });

  it('adds a contact from pasted card text, verified at once', async () => {
    await nav(pageA, cs.nav.identity).click();
    const cardText = await pageA.getByLabel(cs.identity.cardText).inputValue();
    await nav(pageB, cs.nav.contacts).click();
    await pageB.getByRole('button', { name: cs.contacts.add }).click();
    await pageB.getByLabel(cs.contacts.pasteCard).fill(cardText);
    await pageB.getByRole('button', { name: cs.contacts.check }).click();
    await expect.poll(() => pageB.getByTestId('inspected-card').innerText()).toContain(ORG_A);
    await pageB.getByLabel(new RegExp(`^${cs.contacts.typeCode}`)).fill(codeA);
    await pageB.getByRole('button', { name: cs.contacts.addVerified }).click();
    await expect.poll(() => pageB.getByTestId('contact-row').innerText()).toContain(cs.contacts.verified);
    expect(await seriousA11yViolations(pageB)).toEqual([]);
    await screenshot(pageB, 'handover-04-contacts-verified');
  });

  it('refuses the handover without consent, records the consent, previews and saves the file; the case becomes read-only', async () => {
    await nav(pageA, 'Klienti').click();
    await expect.poll(() => pageA.getByTestId('caseload-row').count(), { timeout: 20_000 }).toBe(1);
    await pageA.getByTestId('caseload-row').first().click();
    await pageA.getByRole('tab', { name: cs.tab }).click();
    await expect.poll(() => pageA.getByText(cs.consent.empty).isVisible()).toBe(true);

    await pageA.getByRole('checkbox', { name: `${USER_B.displayName} (${ORG_B})`, exact: true }).check();
    // No consent: every section is disabled with the reason, and the preview is refused with it.
    expect(await pageA.getByTestId('export-section-plan').isDisabled()).toBe(true);
    const recipientB = `${USER_B.displayName} (${ORG_B})`;
    expect(await pageA.getByText(cs.export.sectionNoConsent.replace('{{recipient}}', recipientB)).first().isVisible()).toBe(true);
    await pageA.getByRole('button', { name: cs.export.preview }).click();
    await expect.poll(() => pageA.getByTestId('export-error').innerText()).toBe(cs.errors.handover.consent.missing.replace('{{recipient}}', recipientB));
    await screenshot(pageA, 'handover-05-refused-no-consent');

    const form = pageA.getByRole('form', { name: cs.consent.add });
    // The recipient is picked from the pinned contacts, never typed.
    await form.getByRole('combobox', { name: cs.consent.contact }).click();
    await pageA.getByRole('option', { name: recipientB }).click();
    await form.getByRole('checkbox', { name: cs.sections.plan }).check();
    await form.getByRole('checkbox', { name: cs.sections.contactLog }).check();
    await form.getByRole('button', { name: cs.consent.add }).click();
    await expect.poll(() => pageA.getByTestId('consent-row').innerText(), { timeout: 20_000 }).toContain(cs.consent.status.active);

    // Health is not covered by the consent: it stays disabled, with the reason.
    await expect.poll(() => pageA.getByTestId('export-section-plan').isDisabled()).toBe(false);
    expect(await pageA.getByTestId('export-section-health').isDisabled()).toBe(true);
    expect(await pageA.getByText(cs.export.sectionBlocked.replace('{{recipient}}', recipientB)).first().isVisible()).toBe(true);
    await pageA.getByRole('checkbox', { name: cs.export.custody }).check();
    await pageA.getByRole('checkbox', { name: cs.export.summaryPdf }).check();
    await pageA.getByLabel(new RegExp(`^${cs.export.folder}`)).fill(usb);
    await pageA.getByRole('button', { name: cs.export.preview }).click();
    const preview = pageA.getByTestId('export-preview');
    await expect.poll(() => preview.innerText()).toContain(`${cs.counts.contacts}: 2`);
    expect(await preview.innerText()).toContain(cs.export.previewCustodyYes);
    expect(await preview.innerText()).toContain(cs.export.previewSummaryPdf);
    expect(await preview.innerText()).not.toContain(cs.sections.health);
    expect(await seriousA11yViolations(pageA)).toEqual([]);
    await screenshot(pageA, 'handover-06-export-preview');

    await preview.getByRole('button', { name: cs.export.save }).click();
    await expect.poll(() => pageA.getByTestId('export-result').isVisible(), { timeout: 30_000 }).toBe(true);
    const files = readdirSync(usb).filter((f) => f.endsWith('.handover'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{16}\.handover$/); // the name reveals nothing
    expect(await pageA.getByTestId('export-result').innerText()).toContain(path.join(usb, files[0]!));
    await expect.poll(() => pageA.getByTestId('custody-badge').innerText()).toContain(ORG_B);
    expect(await pageA.getByTestId('receipt-status').innerText()).toContain(cs.history.pending);
    await screenshot(pageA, 'handover-07-exported');
  });

  it('opens the file on the other installation, shows sender and content, imports and saves the receipt', async () => {
    const file = path.join(usb, readdirSync(usb).find((f) => f.endsWith('.handover'))!);
    await nav(pageB, cs.nav.import).click();
    await pageB.getByLabel(new RegExp(`^${cs.import.path}`)).fill(path.join(usb, 'nothing-here.handover'));
    await pageB.getByRole('button', { name: cs.import.open, exact: true }).click();
    await expect.poll(() => pageB.getByTestId('import-error').innerText()).toContain(path.join(usb, 'nothing-here.handover'));
    await pageB.getByLabel(new RegExp(`^${cs.import.path}`)).fill(file);
    await pageB.getByRole('button', { name: cs.import.open, exact: true }).click();
    const inspection = pageB.getByTestId('inspection');
    await expect.poll(() => inspection.isVisible(), { timeout: 30_000 }).toBe(true);
    const shown = await inspection.innerText();
    expect(shown).toContain('Svoboda Karel');
    expect(shown).toContain(`${USER_A.displayName}, ${ORG_A}`);
    expect(shown).toContain(cs.contacts.verified);
    expect(shown).toContain(cs.import.custodyYes);
    expect(shown).toContain(`${cs.counts.contacts}: 2`);
    expect(shown).toContain(cs.sections.plan);
    expect(shown).not.toContain(cs.sections.health);
    expect(shown).toContain(cs.import.summaryPdf);
    expect(await seriousA11yViolations(pageB)).toEqual([]);
    await screenshot(pageB, 'handover-08-import-inspection');

    await inspection.getByLabel(new RegExp(`^${cs.import.receiptFolder}`)).fill(usb);
    await inspection.getByRole('button', { name: cs.import.confirm, exact: true }).click();
    const done = pageB.getByTestId('import-done');
    await expect.poll(() => done.isVisible(), { timeout: 30_000 }).toBe(true);
    const receipts = readdirSync(usb).filter((f) => f.endsWith('.receipt'));
    expect(receipts).toHaveLength(1);
    expect(await pageB.getByTestId('receipt-path').innerText()).toContain(path.join(usb, receipts[0]!));
    expect(await seriousA11yViolations(pageB)).toEqual([]);
    await screenshot(pageB, 'handover-09-imported');
    await done.getByRole('button', { name: cs.import.openClient }).click();
    await expect.poll(() => pageB.getByRole('heading', { name: 'Svoboda Karel' }).isVisible()).toBe(true);
  });

  it('takes the receipt back: "receipt received" on the checklist, the history and the client header', async () => {
    const receipt = path.join(usb, readdirSync(usb).find((f) => f.endsWith('.receipt'))!);
    expect(existsSync(receipt)).toBe(true);
    await nav(pageA, cs.nav.import).click();
    await pageA.getByLabel(new RegExp(`^${cs.receipt.path}`)).fill(receipt);
    await pageA.getByRole('button', { name: cs.receipt.import }).click();
    await expect.poll(() => pageA.getByTestId('receipt-done').innerText(), { timeout: 30_000 }).toContain('SVO-1990');
    expect(await seriousA11yViolations(pageA)).toEqual([]);
    await screenshot(pageA, 'handover-10-receipt-imported');

    await pageA.getByTestId('receipt-done').getByRole('button', { name: cs.receipt.openClient }).click();
    await expect.poll(() => pageA.getByTestId('receipt-status').innerText()).toContain('Přijato');
    expect(await pageA.getByTestId('custody-badge').innerText()).toMatch(/potvrzen|přijat/i);
    const plan = await invoke(a, 'plan.get', { clientId });
    expect(JSON.stringify(plan)).toMatch(/receiptReceived[^}]*"done"|"done"[^}]*receiptReceived/);
    await screenshot(pageA, 'handover-11-receipt-received');
  });

  it('first contact: a generated passphrase is shown once; the recipient is asked for it and opens the file', async () => {
    const second = await invoke(a, 'clients.create', {
      client: { code: 'NOV-1985', firstName: 'Jan', lastName: 'Novák', dateOfBirth: '1985-06-01', sex: 'male', assignedWorkerId: workerA, status: 'active' },
      confirmDuplicate: false,
    });
    await invoke(a, 'consent.add', { clientId: second.id, consent: { kind: 'sharing', organisation: ORG_B, sections: ['record'], givenOn: '2025-01-01' } });
    await nav(pageA, 'Klienti').click();
    await pageA.getByTestId('caseload-row').filter({ hasText: 'NOV-1985' }).click();
    await pageA.getByRole('tab', { name: cs.tab }).click();
    await pageA.getByRole('radio', { name: cs.export.modePassphrase }).check();
    await pageA.getByLabel(new RegExp(`^${cs.export.passphraseOrganisation}`)).fill(ORG_B);
    await pageA.getByLabel(new RegExp(`^${cs.export.passphraseLabel}`)).fill('Case manager Brno');
    await pageA.getByLabel(new RegExp(`^${cs.export.folder}`)).fill(usb);
    await pageA.getByRole('button', { name: cs.export.preview }).click();
    const earlier = new Set(readdirSync(usb));
    await pageA.getByTestId('export-preview').getByRole('button', { name: cs.export.save }).click();
    const words = pageA.getByTestId('passphrase-words');
    await expect.poll(() => words.isVisible(), { timeout: 30_000 }).toBe(true);
    const passphrase = (await words.innerText()).trim();
    expect(passphrase.split(' ')).toHaveLength(8);
    expect(await pageA.getByTestId('export-passphrase').innerText()).toContain(cs.export.passphraseShownOnce);
    expect(await seriousA11yViolations(pageA)).toEqual([]);
    await screenshot(pageA, 'handover-12-passphrase-once');

    expect((await invoke(a, 'handover.exports', { clientId: second.id }))[0]!.byPassphrase).toBe(true);
    const file = path.join(usb, readdirSync(usb).find((f) => f.endsWith('.handover') && !earlier.has(f))!);
    await nav(pageB, cs.nav.import).click();
    await pageB.getByLabel(new RegExp(`^${cs.import.path}`)).fill(file);
    await pageB.getByRole('button', { name: cs.import.open, exact: true }).click();
    // Without the passphrase: told what to do, and the field appears.
    await expect.poll(() => pageB.getByTestId('import-error').innerText(), { timeout: 30_000 }).toBe(cs.errors.handover.passphraseNeeded);
    await pageB.getByLabel(new RegExp(`^${cs.import.passphrase}`)).fill(passphrase);
    await pageB.getByRole('button', { name: cs.import.open, exact: true }).click();
    await expect.poll(() => pageB.getByTestId('inspection').innerText(), { timeout: 30_000 }).toContain('Novák Jan');
    await screenshot(pageB, 'handover-13-passphrase-opened');
  });

  it('reads in English too', async () => {
    await pageA.getByText('English').click();
    await expect.poll(() => pageA.getByRole('tab', { name: texts.en.tab }).isVisible()).toBe(true);
    await screenshot(pageA, 'handover-14-tab-en');
    await nav(pageA, texts.en.nav.contacts).click();
    await expect.poll(() => pageA.getByTestId('contact-row').innerText()).toContain(texts.en.contacts.verified);
    await screenshot(pageA, 'handover-15-contacts-en');
    await pageA.getByText('Čeština').click();
  });
});
