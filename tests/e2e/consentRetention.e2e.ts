import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { handover as handoverTexts } from '../../shared/i18n/locales/handover';
import { retention as retentionTexts } from '../../shared/i18n/locales/retention';
import { clients, consents } from '../../electron/node/store/schema';
import { E2EInstallation, launchBrowser, screenshot, seriousA11yViolations } from './harness';

/**
 * Issue 10 in Czech at 1366×768: the consent to share is picked from the pinned contacts (a typed or migrated one
 * is shown as unverified / needs review), and an admin erases a closed case past retention by typing its code.
 */
const cs = handoverTexts.cs;
const rcs = retentionTexts.cs;
const ORG_B = 'Podané ruce o.p.s.';
const ADMIN = { username: 'alena', displayName: 'Alena Správcová', password: 'dlouhé heslo na pracovišti' };
let a: E2EInstallation;
let b: E2EInstallation;
let browser: Browser;
let page: Page;
let openClientId = '';
let closedCode = '';

beforeAll(async () => {
  a = await new E2EInstallation().start();
  b = await new E2EInstallation().start();
  const setup = await a.call('setup.initialize', { organisation: 'Sananim z.ú.', workstation: 'Pankrác PC-3', admin: ADMIN });
  await b.call('setup.initialize', { organisation: ORG_B, workstation: 'Brno PC-1', admin: { username: 'bohdana', displayName: 'Bohdana Nováková', password: 'jiné dlouhé heslo v Brně' } });
  const cardB = await b.call('identity.get', {});
  await a.call('trustedContacts.add', { cardText: cardB.cardText, verifiedCode: cardB.safetyCode });
  const open = await a.call('clients.create', {
    client: { code: 'SVO-1990', firstName: 'Karel', lastName: 'Svoboda', dateOfBirth: '1990-03-15', sex: 'male', assignedWorkerId: setup.user.id, status: 'active' },
    confirmDuplicate: false,
  });
  openClientId = open.id;
  // A typed first-contact consent, and one from before consents were bound (as migration 0004 leaves it).
  await a.call('consent.add', { clientId: open.id, consent: { kind: 'sharing', organisation: 'Drop In, o.p.s.', sections: ['record'], givenOn: '2025-01-10' } });
  const old = await a.call('consent.add', { clientId: open.id, consent: { kind: 'sharing', organisation: 'K-centrum Kladno', sections: ['record', 'plan'], givenOn: '2024-05-02' } });
  a.backend.session!.store.db.update(consents).set({ binding: 'needsReview' }).where(eq(consents.id, old.id)).run();

  const closed = await a.call('clients.create', {
    client: { code: 'NOV-1975', firstName: 'Jana', lastName: 'Nováková', dateOfBirth: '1975-11-02', sex: 'female', assignedWorkerId: setup.user.id, status: 'closed', notes: 'Případ ukončen.' },
    confirmDuplicate: false,
  });
  closedCode = closed.code;
  await a.call('retention.setMonths', { months: 24 });
  const longAgo = new Date(Date.now() - 800 * 86_400_000).toISOString(); // about 26 months
  a.backend.session!.store.db.update(clients).set({ updatedAt: longAgo }).where(eq(clients.id, closed.id)).run();

  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'cs-CZ' })).newPage();
  await page.goto(a.bridge.appUrl);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await a?.stop();
  await b?.stop();
});

const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });

describe('consent picked from the pinned contacts; erasure of a closed case (issue 10)', () => {
  it('records a sharing consent by picking the trusted contact; typed and migrated consents are marked', async () => {
    await nav('Klienti').click();
    await page.getByTestId('caseload-row').filter({ hasText: 'SVO-1990' }).click();
    await page.getByRole('tab', { name: cs.tab }).click();
    await expect.poll(() => page.getByTestId('consent-row').count(), { timeout: 20_000 }).toBe(2);
    expect(await page.getByTestId('consent-binding-typed').innerText()).toBe(cs.consent.binding.typed);
    expect(await page.getByTestId('consent-binding-needsReview').innerText()).toBe(cs.consent.binding.needsReview);
    expect(await page.getByText(cs.consent.needsReviewHint).isVisible()).toBe(true);

    const form = page.getByRole('form', { name: cs.consent.add });
    // Nothing picked: the form says which contact is missing, in Czech, and records nothing.
    await form.getByRole('button', { name: cs.consent.add }).click();
    await expect.poll(() => form.getByText(handoverTexts.cs.validation.consentContactRequired).isVisible()).toBe(true);
    await form.getByRole('combobox', { name: cs.consent.contact }).click();
    const label = `Bohdana Nováková (${ORG_B})`;
    await page.getByRole('option', { name: label }).click();
    await form.getByRole('checkbox', { name: cs.sections.plan }).check();
    await screenshot(page, 'consent-01-pick-contact');
    await form.getByRole('button', { name: cs.consent.add }).click();
    await expect.poll(() => page.getByTestId('consent-row').count(), { timeout: 20_000 }).toBe(3);
    expect(await page.getByTestId('consent-row').first().innerText()).toContain(label);
    const list = await a.call('consent.list', { clientId: openClientId });
    expect(list.find((c) => c.binding === 'contact')).toMatchObject({ organisation: ORG_B, contactName: 'Bohdana Nováková' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'consent-02-recorded');
  });

  it('lists the closed case past retention; erases it only after the code is typed; the list is then empty', async () => {
    await nav(rcs.nav).click();
    const row = page.getByTestId('retention-row');
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    expect(await row.innerText()).toContain(closedCode);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'retention-01-review');

    await page.getByRole('button', { name: rcs.eraseLabel.replace('{{code}}', closedCode) }).click();
    const dialog = page.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: rcs.confirm });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(new RegExp(`^${rcs.confirmCode}`)).fill('NOV-1976');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(new RegExp(`^${rcs.confirmCode}`)).fill(closedCode.toLowerCase());
    expect(await confirm.isDisabled()).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'retention-02-erase-dialog');
    await confirm.click();
    await expect.poll(() => page.getByText(rcs.empty).isVisible(), { timeout: 20_000 }).toBe(true);
    expect((await a.call('clients.caseload', { search: 'Nováková' })).total).toBe(0);
    const audit = await a.call('audit.list', { action: 'client.erased', limit: 1 });
    expect(JSON.stringify(audit.entries[0]!.details)).not.toContain('Nováková');
    await screenshot(page, 'retention-03-erased');
  });
});
