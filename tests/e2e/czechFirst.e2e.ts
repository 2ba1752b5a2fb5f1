import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { clients } from '../../shared/i18n/locales/clients';
import { common } from '../../shared/i18n/locales/common';
import { assessments } from '../../shared/i18n/locales/assessments';
import { handover } from '../../shared/i18n/locales/handover';
import { plan } from '../../shared/i18n/locales/plan';
import { addDays, localDate } from '../../shared/plan';
import { E2EInstallation, czechDate, launchBrowser, screenshot, seriousA11yViolations } from './harness';

/**
 * Czech first, as a social worker meets it at 1366×768: dates typed day-first through registration and the plan,
 * impossible input refused in Czech, words that follow the client's sex, role names instead of codes.
 */
const ADMIN = { username: 'alena', displayName: 'Alena Správcová', password: 'dlouhé heslo na pracovišti' };
const v = common.cs.validation;
const today = localDate(Date.now());
let inst: E2EInstallation;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  inst = await new E2EInstallation().start();
  await inst.call('setup.initialize', { organisation: 'Sananim z.ú.', workstation: 'Pankrác PC-3', admin: ADMIN });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'cs-CZ' })).newPage();
  await page.goto(inst.bridge.appUrl);
});
afterAll(async () => {
  await browser?.close();
  await inst?.stop();
});

const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });
async function pick(scope: Locator, label: string | RegExp, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}
/** No English sentence on a Czech screen: a few words that only English texts use. */
const englishWords = (text: string) => text.match(/\b(the|is|not|and|cannot|card|client|please)\b/gi) ?? [];

describe('Czech first: registration and plan with day-first dates, honest input, words that fit', () => {
  it('the first Tab reaches a skip link that moves the cursor past the navigation to the list', async () => {
    await expect.poll(() => page.getByRole('button', { name: 'Registrovat klienta' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(common.cs.skipToContent);
    await screenshot(page, 'czech-00-skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    await page.keyboard.press('Tab'); // the next stop is inside the caseload, not the navigation
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('#main-content')))).toBe(true);
  });

  it('registration refuses a birth date in the future, an age under 15 and an emoji name, in Czech', async () => {
    await page.getByRole('button', { name: 'Registrovat klienta' }).click();
    const form = page.getByRole('form', { name: 'Registrace klienta' });
    await expect.poll(() => form.getByLabel(/^Kód klienta/).inputValue(), { timeout: 20_000 }).toMatch(/^[A-Z0-9-]+$/);
    await form.getByLabel(/^Příjmení/).fill('Svobodová');
    await form.getByLabel(/^Jméno/).fill('😀😀');
    await form.getByLabel(/^Datum narození/).fill(czechDate(addDays(today, 2), 'spaced'));
    await pick(form, /^Pohlaví/, 'Žena');
    await form.getByRole('button', { name: 'Zaregistrovat klienta' }).click();
    await expect.poll(() => form.getByText(v.birthInFuture).isVisible()).toBe(true);
    expect(await form.getByText(v.nameNeedsLetters).isVisible()).toBe(true);
    await screenshot(page, 'czech-01-register-impossible');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await form.getByLabel(/^Jméno/).fill('Marie');
    await form.getByLabel(/^Datum narození/).fill(czechDate(addDays(today, -3000), 'compact'));
    await form.getByRole('button', { name: 'Zaregistrovat klienta' }).click();
    await expect.poll(() => form.getByText(v.clientTooYoung).isVisible()).toBe(true);

    // Dates typed the Czech way, three styles; an actual release in the future is refused.
    await form.getByLabel(/^Datum narození/).fill('5. 3. 1990');
    await form.getByLabel('Začátek trestu').fill(czechDate(addDays(today, -500), 'padded'));
    await form.getByLabel('Nejdříve možné propuštění').fill(czechDate(addDays(today, -2), 'spaced'));
    await form.getByLabel('Konec trestu').fill(czechDate(addDays(today, 300), 'compact'));
    await form.getByLabel('Skutečné propuštění').fill(czechDate(addDays(today, 5), 'spaced'));
    await form.getByRole('button', { name: 'Zaregistrovat klienta' }).click();
    await expect.poll(() => form.getByText(v.releaseInFuture).isVisible()).toBe(true);
    expect(await form.getByText(v.clientTooYoung).count()).toBe(0);

    // A real release date: the form offers to set the status, in the client's grammatical gender.
    await form.getByLabel('Skutečné propuštění').fill(czechDate(addDays(today, -1), 'spaced'));
    const offer = form.getByRole('checkbox', { name: clients.cs.releaseOffer_female });
    await expect.poll(() => offer.isVisible()).toBe(true);
    expect(await offer.isChecked()).toBe(true);
    await screenshot(page, 'czech-02-register-release-offer');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Zaregistrovat klienta' }).click();

    await expect.poll(() => page.getByRole('heading', { name: 'Svobodová Marie', level: 2 }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByText(clients.cs.status.released_female, { exact: true }).first().isVisible()).toBe(true);
    expect(await page.getByText(clients.cs.fields.createdAt_female, { exact: true }).isVisible()).toBe(true);
    const stored = (await inst.call('clients.caseload', { search: 'Svobodová' })).rows[0]!;
    const client = await inst.call('clients.get', { id: stored.id });
    expect([client.dateOfBirth, client.actualRelease, client.status]).toEqual(['1990-03-05', addDays(today, -1), 'released']);
    await screenshot(page, 'czech-03-client-female-released');
  });

  it('the plan takes Czech-typed dates; the follow-up says "zastižena" for a woman', async () => {
    await page.getByRole('tab', { name: plan.cs.tabs.plan }).click();
    const goalForm = page.getByRole('form', { name: plan.cs.goals.add });
    await goalForm.getByLabel(/^Cíl/).fill('Bydlení po propuštění');
    await goalForm.getByRole('button', { name: plan.cs.goals.add }).click();
    await page.getByRole('button', { name: 'Přidat úkol k cíli „Bydlení po propuštění“' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Úkol/).fill('Zajistit ubytovnu');
    await dialog.getByLabel('Termín').fill(czechDate(addDays(today, 6), 'padded'));
    await dialog.getByRole('button', { name: 'Uložit' }).click();
    await expect.poll(() => page.getByTestId('plan-task').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('plan-task').innerText()).toContain(czechDate(addDays(today, 6)));

    await page.getByRole('tab', { name: plan.cs.tabs.contacts }).click();
    await page.getByRole('button', { name: 'Zapsat: Den 1' }).click();
    const record = page.getByRole('dialog');
    expect(await record.getByText(plan.cs.followUp.reached_female).isVisible()).toBe(true);
    await record.getByLabel(/^Datum kontaktu/).fill(czechDate(today, 'compact'));
    await record.getByLabel(plan.cs.followUp.reached_female).check();
    await record.getByRole('button', { name: 'Uložit' }).click();
    await expect.poll(() => page.getByTestId('follow-up-day1').innerText(), { timeout: 20_000 }).toContain(plan.cs.followUp.reachedYes_female);
    expect(await page.getByTestId('follow-up-day1').innerText()).toContain(czechDate(today));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'czech-04-follow-up-female');
  });

  it('an unfinished screening says how far it got and gives no zone; a saved one opens to read its answers', async () => {
    await page.getByRole('tab', { name: assessments.cs.tabs.screening }).click();
    await page.getByRole('button', { name: 'Zadat AUDIT' }).click();
    const form = page.getByRole('form', { name: 'AUDIT' });
    await expect.poll(() => form.isVisible(), { timeout: 20_000 }).toBe(true);
    // The cursor waits in the first question, not on the page body.
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[id^="item-"]')?.id ?? document.activeElement?.tagName)).toBe('item-q1');
    for (const digit of ['2', '2', '2']) await page.keyboard.press(digit);
    const score = page.getByTestId('screening-score');
    await expect.poll(() => score.innerText()).toContain('Neúplné: odpovězeno 3 z 10');
    expect(await score.innerText()).not.toContain('Pásmo');
    await screenshot(page, 'czech-05-screening-incomplete');
    for (const digit of ['1', '1', '1', '1', '1', '1', '1']) await page.keyboard.press(digit);
    await expect.poll(() => score.innerText()).toContain('Zodpovězeno 10 z 10');
    expect(await score.innerText()).toContain('Pásmo I');
    await form.getByRole('button', { name: 'Uložit výsledek' }).click();
    await page.getByRole('button', { name: /^Zobrazit odpovědi: AUDIT/ }).click();
    const answers = page.getByRole('dialog').getByTestId('screening-answers');
    await expect.poll(() => answers.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await answers.getByRole('row').count()).toBe(11); // header and 10 questions
    expect(await answers.innerText()).toContain('3 z 40');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'czech-06-screening-answers');
    await page.getByRole('dialog').getByRole('button', { name: common.cs.close }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('an assessment refuses "-3" instead of turning it into 3, and counts characters before the limit', async () => {
    await page.getByRole('tab', { name: assessments.cs.tabs.assessments }).click();
    await page.getByRole('button', { name: 'Nové posouzení' }).click();
    await page.getByRole('form', { name: 'Nové posouzení' }).getByRole('button', { name: 'Začít' }).click();
    await expect.poll(() => page.getByRole('form', { name: 'Formulář posouzení' }).isVisible(), { timeout: 20_000 }).toBe(true);
    const section = (id: keyof typeof assessments.cs.sections) => page.getByRole('region', { name: assessments.cs.sections[id].title, exact: true });
    const dose = section('treatment').getByLabel(assessments.cs.sections.treatment.fields.oatDoseMg);
    await dose.fill('-3');
    const goals = section('goals').getByLabel(assessments.cs.sections.goals.fields.goals);
    await goals.fill('Bydlet u sestry. '.repeat(250)); // 4 250 of at most 5 000 characters
    await expect.poll(() => section('goals').getByText(/Napsáno 4\s250 z nejvýše 5\s000 znaků/).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Uložit rozpracované' }).click();
    await expect.poll(() => section('treatment').getByText('Zadejte číslo nejméně 0.').isVisible()).toBe(true);
    expect(await dose.inputValue()).toBe('-3');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'czech-07-assessment-negative-count');
  });

  it('the identity card names the role, and a wrong card is refused entirely in Czech', async () => {
    await nav(handover.cs.nav.identity).click();
    await expect.poll(() => page.getByTestId('identity-card').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('identity-card').innerText()).toContain(common.cs.roles.admin);
    expect(await page.getByTestId('identity-card').innerText()).not.toMatch(/\badmin\b/);
    await screenshot(page, 'czech-08-identity-role');

    await nav(handover.cs.nav.contacts).click();
    await page.getByRole('button', { name: handover.cs.contacts.add }).click();
    await page.getByLabel(handover.cs.contacts.pasteCard).fill('Dobrý den, posílám kartu.');
    await page.getByRole('button', { name: handover.cs.contacts.check }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'identifikační karta' });
    await expect.poll(() => alert.innerText(), { timeout: 20_000 }).toContain(handover.cs.errors.handover.cardReasons.notCard);
    expect(await alert.innerText()).toContain('Toto není platná identifikační karta');
    expect(englishWords(await alert.innerText())).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'czech-09-card-invalid');
  });
});
