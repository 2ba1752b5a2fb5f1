import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { plan as texts } from '../../shared/i18n/locales/plan';
import { addDays, localDate } from '../../shared/plan';
import { CHECKLIST_ITEMS } from '../../shared/schemas/plan';
import { E2EInstallation, czechDate, launchBrowser, screenshot, seriousA11yViolations } from './harness';

const ADMIN = { username: 'alena', displayName: 'Alena Správcová', password: 'dlouhé heslo na pracovišti' };
const cs = texts.cs;
const today = localDate(Date.now());
let inst: E2EInstallation;
let browser: Browser;
let page: Page;

const invoke: E2EInstallation['call'] = (name, input) => inst.call(name, input);

beforeAll(async () => {
  inst = await new E2EInstallation().start();
  const setup = await invoke('setup.initialize', { organisation: 'Sananim z.ú.', workstation: 'Pankrác PC-3', admin: ADMIN });
  // Due for release in 10 days: inside the T-14 window.
  await invoke('clients.create', {
    client: { code: 'DVO-1988', firstName: 'Tomáš', lastName: 'Dvořák', dateOfBirth: '1988-07-02', sex: 'male', assignedWorkerId: setup.user.id, earliestRelease: addDays(today, 10), status: 'active' },
    confirmDuplicate: false,
  });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'cs-CZ' })).newPage();
  await page.goto(inst.bridge.appUrl);
});
afterAll(async () => {
  await browser?.close();
  await inst?.stop();
});

const tab = (name: string) => page.getByRole('tab', { name });
const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name });
/** Mantine Select: open it by its label, then pick the option. */
async function choose(scope: Page | ReturnType<Page['getByRole']>, label: string | RegExp, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('release plan, checklist, contacts and follow-up, as a worker uses them', () => {
  it('builds a plan for a client due for release in 10 days and sees the alert', async () => {
    await expect.poll(() => page.getByTestId('caseload-row').count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('caseload-row').first().click();
    await expect.poll(() => page.getByRole('heading', { name: 'Dvořák Tomáš' }).isVisible()).toBe(true);
    await tab(cs.tabs.plan).click();

    await expect.poll(() => page.getByTestId('release-countdown').innerText()).toContain('Propuštění za 10 dní');
    const alert = page.getByTestId('release-alert');
    expect(await alert.innerText()).toContain(cs.alert.t14);
    expect(await alert.innerText()).toContain('Otevřených položek: 9');
    // 10 days before release the T-30 and T-14 items are already past their due date.
    expect(await page.getByTestId('checklist-firstNightHousing').innerText()).toContain(cs.checklist.state.overdue);

    // A goal in the housing domain, with a task for a named service.
    const goalForm = page.getByRole('form', { name: cs.goals.add });
    await goalForm.getByLabel(/^Cíl/).fill('Bydlení na první tři měsíce');
    await goalForm.getByRole('button', { name: cs.goals.add }).click();
    await expect.poll(() => page.getByTestId('plan-goal').count()).toBe(1);
    await page.getByRole('button', { name: 'Přidat úkol k cíli „Bydlení na první tři měsíce“' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Úkol/).fill('Domluvit lůžko v azylovém domě');
    // The due date picked from the Czech calendar, then read back day-first in the field.
    await dialog.getByRole('button', { name: 'Vybrat datum v kalendáři' }).click();
    const due = addDays(today, 5);
    if (due.slice(0, 7) !== today.slice(0, 7)) await page.getByRole('button', { name: 'Další měsíc' }).click();
    await page.getByRole('button', { name: czechDate(due), exact: true }).click();
    expect(await dialog.getByLabel('Termín').inputValue()).toBe(czechDate(due));
    await choose(page.getByRole('dialog'), /^Kdo odpovídá/, cs.responsible.service);
    await dialog.getByRole('button', { name: 'Uložit' }).click();
    // The named service is required; the message comes in Czech from the shared rule.
    await expect.poll(() => dialog.getByText(cs.validation.serviceName).isVisible()).toBe(true);
    await screenshot(page, 'plan-01-task-error');
    await dialog.getByLabel(/^Název služby nebo jméno/).fill('Azylový dům Naděje, Praha');
    await dialog.getByRole('button', { name: 'Uložit' }).click();
    await expect.poll(() => page.getByTestId('plan-task').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('plan-task').innerText()).toContain('Azylový dům Naděje, Praha');
    await screenshot(page, 'plan-02-goal-and-alert');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('shows the client in Upcoming releases and the overdue items in My tasks', async () => {
    await nav('Blížící se propuštění').click();
    await expect.poll(() => page.getByRole('heading', { name: cs.releases.title }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('row', { name: /Dvořák Tomáš/ }).innerText()).toContain('T-14');
    expect(await page.getByRole('row', { name: /Dvořák Tomáš/ }).innerText()).toContain('0 / 9');
    await page.getByText('Do 7 dní', { exact: true }).click();
    await expect.poll(() => page.getByText(cs.releases.empty).isVisible()).toBe(true);
    await page.getByText('Do 30 dní', { exact: true }).click();
    await expect.poll(() => page.getByRole('row', { name: /Dvořák Tomáš/ }).isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'plan-03-upcoming-releases');

    await nav('Moje úkoly').click();
    await expect.poll(() => page.getByTestId('due-item').count()).toBe(CHECKLIST_ITEMS.length + 1);
    expect(await page.getByTestId('due-item').first().innerText()).toContain(cs.myTasks.overdue);
    await page.mouse.move(700, 40); // off the nav link just clicked: axe checks the page, not a hover state
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'plan-04-my-tasks');
    // From the task list straight into the client's plan.
    await page.getByRole('button', { name: /Otevřít: Tomáš Dvořák – Domluvit lůžko/ }).click();
    await expect.poll(() => page.getByTestId('release-countdown').isVisible()).toBe(true);
  });

  it('completes the checklist (one item not applicable, with a reason) and the alert goes', async () => {
    const taskDone = page.getByRole('checkbox', { name: 'Hotovo: Domluvit lůžko v azylovém domě' });
    await taskDone.click();
    await expect.poll(() => taskDone.isChecked()).toBe(true);
    await page.getByTestId('checklist-oatBridging').getByRole('button', { name: /Netýká se/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Uložit' }).click();
    await expect.poll(() => dialog.getByText(cs.validation.notApplicableReason).isVisible()).toBe(true);
    await dialog.getByLabel(/^Důvod/).fill('Není v substituční léčbě');
    await dialog.getByRole('button', { name: 'Uložit' }).click();
    await expect.poll(() => page.getByTestId('checklist-oatBridging').innerText()).toContain('Není v substituční léčbě');
    for (const { key } of CHECKLIST_ITEMS) {
      if (key === 'oatBridging') continue;
      const box = page.getByRole('checkbox', { name: cs.checklist.items[key] });
      await box.click();
      await expect.poll(() => box.isChecked()).toBe(true);
    }
    await expect.poll(() => page.getByTestId('checklist-complete').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('release-alert').count()).toBe(0);
    expect(await page.getByText('Plán hotový z 100 %').isVisible()).toBe(true);
    // Who changed what: from the audit trail.
    await page.getByRole('button', { name: cs.history.show }).click();
    await expect.poll(() => page.getByText(/Alena Správcová změnil\(a\) položku kontrolního seznamu – Přijaté potvrzení/).first().isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'plan-05-checklist-complete');
  });

  it('logs a contact, enters the release date, and records the day-1 follow-up', async () => {
    await tab(cs.tabs.contacts).click();
    await expect.poll(() => page.getByText(cs.followUp.notReleased).isVisible()).toBe(true);
    const form = page.getByRole('form', { name: cs.contacts.add });
    await form.getByLabel(/^Účastníci/).fill('klient, sestra');
    await form.getByLabel(/^Záznam/).fill('Návštěva ve věznici: domluvili jsme přespání u sestry v Kladně první noc.');
    await form.getByRole('button', { name: cs.contacts.add }).click();
    await expect.poll(() => page.getByTestId('contact-note').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('contact-note').innerText()).toContain('Návštěva ve věznici');

    // The release happened yesterday: entered on the client's overview.
    await tab('Přehled').click();
    await page.getByRole('button', { name: 'Upravit údaje' }).click();
    await page.getByLabel('Skutečné propuštění').fill(czechDate(addDays(today, -1), 'padded'));
    await page.getByRole('button', { name: 'Uložit změny' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Upravit údaje' }).isVisible(), { timeout: 20_000 }).toBe(true);

    await tab(cs.tabs.contacts).click();
    await expect.poll(() => page.getByTestId('follow-up-day1').innerText()).toContain(cs.followUp.states.due);
    expect(await page.getByTestId('follow-up-day3').innerText()).toContain(cs.followUp.states.upcoming);
    await page.getByRole('button', { name: 'Zapsat: Den 1' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel(/^Datum kontaktu/).inputValue()).toBe(czechDate(today));
    await choose(page.getByRole('dialog'), 'Bydlení', cs.followUp.outcomes.housing.temporary);
    await choose(page.getByRole('dialog'), 'Docházka do léčby', cs.followUp.outcomes.treatmentAttendance.attending);
    await choose(page.getByRole('dialog'), 'Předávkování', cs.followUp.outcomes.overdose.no);
    await dialog.getByLabel(/^Poznámka/).fill('Přespal u sestry, zítra jde do K-centra.');
    await dialog.getByRole('button', { name: 'Uložit' }).click();
    await expect.poll(() => page.getByTestId('follow-up-day1').innerText(), { timeout: 20_000 }).toContain(cs.followUp.states.recorded);
    expect(await page.getByTestId('follow-up-day1').innerText()).toContain('Bydlení: Přechodné');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'plan-06-follow-up');

    // The contact note is found by the caseload's full-text search.
    await nav('Klienti').click();
    await page.getByRole('searchbox', { name: 'Hledat' }).fill('kladne');
    await expect.poll(() => page.getByTestId('caseload-row').count(), { timeout: 20_000 }).toBe(1);
  });
});
