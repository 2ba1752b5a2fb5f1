import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { E2EInstallation, launchBrowser, screenshot, seriousA11yViolations } from './harness';

const ADMIN = { name: 'Alena Správcová', username: 'alena', password: 'dlouhé heslo na pracovišti' };
let inst: E2EInstallation;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  inst = await new E2EInstallation().start();
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'cs-CZ' })).newPage();
  await page.goto(inst.bridge.appUrl);
});
afterAll(async () => {
  await browser?.close();
  await inst?.stop();
});

async function login(username: string, password: string) {
  await page.getByLabel('Uživatelské jméno').fill(username);
  await page.getByLabel(/^Heslo\s*\*?$/).fill(password);
  await page.getByRole('button', { name: 'Přihlásit' }).click();
}

describe('foundation, as a user walks it', () => {
  it('first run: the setup wizard creates the database and shows the recovery key once', async () => {
    await expect.poll(() => page.getByRole('heading', { name: 'Nastavení pracovní stanice' }).isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, '01-setup-organisation');
    await page.getByRole('button', { name: 'Další' }).click();
    await expect.poll(() => page.getByText('Vyplňte prosím.').count()).toBe(2); // empty fields refused, in Czech
    await page.getByLabel('Název organizace').fill('Sananim z.ú. – Věznice Pankrác');
    await page.getByLabel('Název pracovní stanice').fill('Kancelář 3');
    await page.getByRole('button', { name: 'Další' }).click();
    // Empty admin fields: our Czech messages beside the fields (the browser's native check, which would block the
    // submit with its English "Please fill out this field." bubble, is off).
    await page.getByRole('button', { name: 'Vytvořit a zašifrovat databázi' }).click();
    await expect.poll(() => page.getByText('Vyplňte prosím.').count()).toBeGreaterThanOrEqual(1);
    await page.getByLabel('Celé jméno').fill(ADMIN.name);
    await page.getByLabel('Uživatelské jméno').fill(ADMIN.username);
    await page.getByLabel(/^Heslo\s*\*?$/).fill(ADMIN.password);
    await page.getByLabel('Heslo znovu').fill('něco jiného než heslo');
    await page.getByRole('button', { name: 'Vytvořit a zašifrovat databázi' }).click();
    await expect.poll(() => page.getByText('Hesla se neshodují.').isVisible()).toBe(true);
    await screenshot(page, '02-setup-admin-error');
    await page.getByLabel('Heslo znovu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Vytvořit a zašifrovat databázi' }).click();
    const key = page.getByTestId('recovery-key');
    await expect.poll(() => key.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await key.innerText()).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/);
    await screenshot(page, '03-setup-recovery-key');
    const finish = page.getByRole('button', { name: 'Pokračovat do aplikace' });
    expect(await finish.isDisabled()).toBe(true);
    await page.getByLabel('Klíč mám zapsaný a bezpečně uložený').check();
    await finish.click();
    await expect.poll(() => page.getByTestId('signed-in-as').innerText()).toContain(ADMIN.name);
    expect(await page.getByRole('navigation', { name: 'Hlavní nabídka' }).isVisible()).toBe(true); // not "Main"
    await page.getByRole('button', { name: 'Přehled', exact: true }).click(); // staff land on the caseload; the overview is one click away
    await screenshot(page, '04-home-cs');
  });

  it('switches the language at any time, with Czech plural forms', async () => {
    await page.getByText('English').click();
    await expect.poll(() => page.getByRole('button', { name: 'Users' }).isVisible()).toBe(true);
    expect(await page.getByText('Locks after 5 minutes of inactivity').isVisible()).toBe(true);
    await screenshot(page, '05-home-en');
    await page.getByText('Čeština').click();
    await expect.poll(() => page.getByRole('button', { name: 'Uživatelé' }).isVisible()).toBe(true);
  });

  it('an admin creates a user, changes a role and resets a password', async () => {
    await page.getByRole('button', { name: 'Uživatelé' }).click();
    const form = page.getByRole('form', { name: 'Přidat uživatele' });
    await form.getByLabel('Celé jméno').fill('Jana Nováková');
    await form.getByLabel('Uživatelské jméno').fill('jana');
    await form.getByLabel('Počáteční heslo').fill('krátké');
    await form.getByRole('button', { name: 'Přidat uživatele' }).click();
    await expect.poll(() => form.getByText('Alespoň 10 znaků.').isVisible()).toBe(true);
    await form.getByLabel('Počáteční heslo').fill('janino dlouhé heslo');
    await form.getByRole('button', { name: 'Přidat uživatele' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'Jana Nováková' }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByText('2 uživatelé').isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, '06-users');
    await page.getByRole('row', { name: /Jana Nováková/ }).getByRole('button', { name: 'Nové heslo' }).click();
    await page.getByRole('dialog').getByLabel('Nové heslo').fill('úplně nové heslo Jany');
    await page.getByRole('dialog').getByRole('button', { name: 'Uložit' }).click();
    await expect.poll(() => page.getByText('Heslo nastaveno.').isVisible(), { timeout: 20_000 }).toBe(true);
  });

  it('locks; a wrong password gives a clear message and a growing delay; the right one unlocks', async () => {
    await page.getByRole('button', { name: 'Zamknout' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Přihlásit' }).isVisible()).toBe(true);
    expect(await page.getByText('Jana Nováková').count()).toBe(0);
    await login('jana', 'špatné heslo');
    await expect.poll(() => page.getByRole('alert').innerText(), { timeout: 20_000 }).toContain('Nesprávné uživatelské jméno nebo heslo');
    expect(await page.getByRole('alert').innerText()).toContain('za 1 s');
    await new Promise((r) => setTimeout(r, 1200));
    await login('jana', 'další špatné heslo');
    await expect.poll(() => page.getByRole('alert').innerText(), { timeout: 20_000 }).toContain('za 2 s'); // the delay grows
    await screenshot(page, '07-login-wrong-password');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await new Promise((r) => setTimeout(r, 2200));
    await login('jana', 'úplně nové heslo Jany');
    await expect.poll(() => page.getByTestId('signed-in-as').innerText(), { timeout: 20_000 }).toContain('Jana Nováková');
    // A caseworker does not see the admin pages.
    expect(await page.getByRole('button', { name: 'Uživatelé' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Zamknout' }).click();
    await login(ADMIN.username, ADMIN.password);
    await expect.poll(() => page.getByTestId('signed-in-as').innerText(), { timeout: 20_000 }).toContain(ADMIN.name);
  });

  it('auto-locks after the idle time, shows only the lock form, and keeps unsaved input', async () => {
    await page.getByRole('button', { name: 'Nastavení' }).click();
    await page.getByLabel('Automatické zamčení po (minutách nečinnosti)').fill('0.25');
    await page.getByRole('form', { name: 'Nastavení' }).getByRole('button', { name: 'Uložit' }).click();
    await expect.poll(() => page.getByText('Nastavení uloženo.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Přehled' }).click();
    await expect.poll(() => page.getByText('Automatické zamčení po 0,25 minuty nečinnosti').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Uživatelé' }).click();
    const form = page.getByRole('form', { name: 'Přidat uživatele' });
    await form.getByLabel('Celé jméno').fill('Rozepsaný Čestmír Žák');
    await form.getByLabel('Uživatelské jméno').fill('cestmir');
    // No input now: after 15 s idle the app locks.
    await expect.poll(() => page.getByText('Aplikace byla zamčena').isVisible(), { timeout: 40_000, interval: 1000 }).toBe(true);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('Jana Nováková');
    expect(text).not.toContain('Rozepsaný');
    await screenshot(page, '08-auto-locked');
    await login(ADMIN.username, ADMIN.password);
    await expect.poll(() => page.getByTestId('draft-restored').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await form.getByLabel('Celé jméno').inputValue()).toBe('Rozepsaný Čestmír Žák');
    expect(await form.getByLabel('Uživatelské jméno').inputValue()).toBe('cestmir');
    await screenshot(page, '09-draft-restored');
    await page.getByRole('button', { name: 'Zahodit koncept' }).click();
    await expect.poll(() => form.getByLabel('Celé jméno').inputValue()).toBe('');
    // Back to a longer timeout so the rest of the walk is not interrupted.
    await page.getByRole('button', { name: 'Nastavení' }).click();
    await page.getByLabel('Automatické zamčení po (minutách nečinnosti)').fill('10');
    await page.getByRole('form', { name: 'Nastavení' }).getByRole('button', { name: 'Uložit' }).click();
    await expect.poll(() => page.getByText('Nastavení uloženo.').isVisible()).toBe(true);
  });

  it('the audit log lists logins and failures, filters by action, and verifies', async () => {
    await page.getByRole('button', { name: 'Auditní záznam' }).click();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThan(5);
    // Sentences, not codes.
    expect(await page.getByText('Neúspěšné přihlášení').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByText('session.loginFailed').count()).toBe(0);
    await page.getByRole('textbox', { name: 'Událost' }).or(page.getByRole('combobox', { name: 'Událost' })).first().click();
    await page.getByRole('option', { name: 'Založení uživatele' }).click();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(1);
    await page.getByRole('button', { name: 'Ověřit auditní záznam' }).click();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('Auditní záznam je neporušený');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, '10-audit');
  });

  it('recovery key unlocks when every password is lost', async () => {
    const key = await inst.backend.invoke('app.status', {});
    expect(key.ok).toBe(true);
    await page.getByRole('button', { name: 'Zamknout' }).click();
    await page.getByRole('button', { name: /záchranný klíč/ }).click();
    await page.getByLabel('Záchranný klíč').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH');
    await page.getByRole('button', { name: 'Odemknout' }).click();
    await expect.poll(() => page.getByRole('alert').innerText(), { timeout: 20_000 }).toContain('záchranný klíč');
    await screenshot(page, '11-recovery-wrong');
  });
});
