import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import path from 'node:path';
import { E2EInstallation, SCREENSHOTS, czechDate, launchBrowser, screenshot, seriousA11yViolations } from './harness';

const ADMIN = { username: 'alena', displayName: 'Alena Správcová', password: 'dlouhé heslo na pracovišti' };
const SEEDED = 120;
const LAST = ['Dvořák', 'Černý', 'Procházka', 'Kučera', 'Veselý', 'Horák', 'Němec', 'Pokorný', 'Marek', 'Pospíšil', 'Hájek', 'Jelínek'];
const FIRST = ['Jan', 'Tomáš', 'Lukáš', 'Martin', 'Jakub', 'David', 'Michal', 'Ondřej', 'Karel', 'Josef'];

let inst: E2EInstallation;
let browser: Browser;
let page: Page;
const ids: Record<string, string> = {};

const invoke: E2EInstallation['call'] = (name, input) => inst.call(name, input);

const isoIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  inst = await new E2EInstallation().start();
  const setup = await invoke('setup.initialize', { organisation: 'Sananim z.ú.', workstation: 'Pankrác PC-3', admin: ADMIN });
  ids.admin = setup.user.id;
  ids.jana = (await invoke('users.create', { username: 'jana', displayName: 'Jana Nováková', role: 'caseworker', password: 'janino dlouhé heslo' })).id;
  for (const name of ['Věznice Pankrác', 'Věznice Ruzyně', 'Věznice Světlá nad Sázavou']) ids[name] = (await invoke('reference.create', { kind: 'prison', name })).id;
  for (const name of ['Praha', 'Středočeský kraj', 'Ústecký kraj']) ids[name] = (await invoke('reference.create', { kind: 'region', name })).id;
  const prisons = ['Věznice Pankrác', 'Věznice Ruzyně', 'Věznice Světlá nad Sázavou'];
  for (let i = 0; i < SEEDED; i++) {
    const client = await invoke('clients.create', {
      client: {
        firstName: FIRST[i % FIRST.length]!,
        lastName: `${LAST[i % LAST.length]!}${i >= LAST.length ? ` ${String.fromCharCode(65 + Math.floor(i / LAST.length))}.` : ''}`,
        dateOfBirth: `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`,
        sex: i % 5 === 0 ? 'female' : 'male',
        prisonId: ids[prisons[i % 3]!]!,
        regionId: ids[['Praha', 'Středočeský kraj', 'Ústecký kraj'][i % 3]!]!,
        sentenceStart: isoIn(-400),
        earliestRelease: isoIn(3 + i * 5),
        latestRelease: isoIn(200 + i * 5),
        assignedWorkerId: i % 4 === 0 ? ids.jana : ids.admin!,
        status: i % 7 === 0 ? 'active' : 'intake',
      },
      confirmDuplicate: false,
    });
    if (i === 0) ids.first = client.id;
    if (i === 1) ids.second = client.id;
  }
  // The one we must find again, by name and date of birth (duplicate) and through a contact note.
  ids.novak = (
    await invoke('clients.create', {
      client: { code: 'NOV-1985', firstName: 'Petr', lastName: 'Novák', dateOfBirth: '1985-03-12', sex: 'male', prisonId: ids['Věznice Ruzyně']!, earliestRelease: isoIn(12), assignedWorkerId: ids.admin! },
      confirmDuplicate: false,
    })
  ).id;
  // A contact note written through the store (the contact log screen is another area's); triggers index it.
  inst.backend.session!.store.sqlite
    .prepare("INSERT INTO contact_notes (id, client_id, at, channel, phase, participants, notes, author_id, created_at) VALUES (?, ?, ?, 'prisonVisit', 'custody', '', ?, ?, ?)")
    .run(randomUUID(), ids.novak, new Date().toISOString(), 'Domluvili jsme kurz první pomoci při předávkování; zajímá ho substituce.', ids.admin, new Date().toISOString());

  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'cs-CZ' })).newPage();
  await page.goto(inst.bridge.appUrl);
});
afterAll(async () => {
  await browser?.close();
  await inst?.stop();
});

/** A Mantine Select / MultiSelect: open by its label, choose the option by its text. */
async function pick(scope: Page | Locator, label: RegExp | string, option: string) {
  await scope.getByRole('textbox', { name: label }).or(scope.getByRole('combobox', { name: label })).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** What fits on the screen (the full-page shots of a 50-row list are too tall to judge the first impression). */
const viewShot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
const rows = () => page.getByTestId('caseload-row');
/** axe once the toasts have gone: a fading notification is measured half-transparent. */
async function a11yIssues(): Promise<string[]> {
  await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 15_000 }).toBe(0);
  return seriousA11yViolations(page);
}
const range = () => page.getByTestId('caseload-range').innerText();
const focused = () => page.evaluate(() => {
  const el = document.activeElement as HTMLElement | null;
  return { tag: el?.tagName ?? '', testId: el?.dataset.testid ?? '', label: el?.getAttribute('aria-label') ?? (el as HTMLInputElement | null)?.labels?.[0]?.innerText ?? '', text: el?.innerText ?? '' };
});

describe('caseload and client record, as a worker uses them', () => {
  it('the caseload is the home page: pages of 50 with a pager, days to release, flags, no serious a11y issues', async () => {
    await expect.poll(() => page.getByRole('heading', { name: 'Klienti', level: 2 }).isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(range).toBe('1–50 z 121');
    expect(await rows().count()).toBe(50);
    // Sorted by earliest release by default: the first row is released in 3 days, flagged as due with no plan yet.
    const first = rows().first();
    expect(await first.innerText()).toContain('za 3 dny');
    expect(await a11yIssues()).toEqual([]);
    await screenshot(page, 'caseload-01-list');
    await viewShot('caseload-01-list-screen');
    await page.getByRole('navigation', { name: 'Stránky seznamu klientů' }).getByRole('button', { name: 'Stránka 3' }).click();
    await expect.poll(range).toBe('101–121 z 121');
    expect(await rows().count()).toBe(21);
  });

  it('sorts by any column (aria-sort says how) and filters by prison, region, status and worker', async () => {
    const nameHeader = page.getByRole('columnheader', { name: /Jméno/ });
    await nameHeader.getByRole('button').click();
    await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(range).toBe('1–50 z 121'); // sorting goes back to the first page
    expect(await rows().first().locator('td').nth(1).innerText()).toMatch(/^Černý/);
    await nameHeader.getByRole('button').click();
    await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => rows().first().locator('td').nth(1).innerText()).toMatch(/^Veselý/);
    expect(await page.getByRole('columnheader', { name: /Nejdříve propuštění/ }).getAttribute('aria-sort')).toBe('none');

    await pick(page.getByRole('search'), 'Věznice', 'Věznice Ruzyně');
    await expect.poll(range).toBe('1–41 z 41'); // 40 seeded + Petr Novák
    await pick(page.getByRole('search'), 'Kraj návratu', 'Praha');
    await expect.poll(range).toBe('0–0 z 0'); // the seeded Ruzyně clients return to the Středočeský kraj
    expect(await page.getByText('Filtru neodpovídá žádný klient.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Zrušit filtry' }).click();
    await expect.poll(range).toBe('1–50 z 121');
    await pick(page.getByRole('search'), 'Stav', 'Aktivní');
    await page.keyboard.press('Escape');
    await expect.poll(range).toBe('1–18 z 18');
    await pick(page.getByRole('search'), 'Pracovník', 'Jana Nováková');
    await expect.poll(range).toBe('1–5 z 5');
    for (const row of await rows().all()) expect(await row.innerText()).toContain('Jana Nováková');
    await screenshot(page, 'caseload-02-filtered');
    await page.getByRole('button', { name: 'Zrušit filtry' }).click();
    await expect.poll(range).toBe('1–50 z 121');
    await page.getByRole('columnheader', { name: /Nejdříve propuštění/ }).getByRole('button').click();
  });

  it('finds a client by a word from a contact note, by a name without diacritics and by code', async () => {
    const search = page.getByRole('searchbox', { name: 'Hledat' });
    await search.pressSequentially('předáv', { delay: 30 }); // typed fast: only the settled query counts
    await expect.poll(range).toBe('1–1 z 1');
    expect(await rows().first().innerText()).toContain('Novák Petr');
    await search.fill('novak');
    await expect.poll(range).toBe('1–1 z 1');
    await search.fill('NOV-1985');
    await expect.poll(range).toBe('1–1 z 1');
    await search.fill('');
    await expect.poll(range).toBe('1–50 z 121');
  });

  it('registers a client: a field error shown and fixed, a possible duplicate confirmed', async () => {
    await page.getByRole('button', { name: 'Registrovat klienta' }).click();
    const form = page.getByRole('form', { name: 'Registrace klienta' });
    await expect.poll(() => form.getByLabel(/^Kód klienta/).inputValue()).toMatch(/^[A-HJ-NP-Z]{3}-\d{4}$/);
    expect(await a11yIssues()).toEqual([]);
    await form.getByLabel(/^Příjmení/).fill('Novák');
    await form.getByLabel(/^Jméno/).fill('Petr');
    await form.getByRole('button', { name: 'Zaregistrovat klienta' }).click();
    // Date of birth and sex missing: said in Czech beside the fields.
    await expect.poll(() => form.getByText('Vyplňte prosím.').count()).toBe(2);
    expect((await focused()).label).toMatch(/^Datum narození/); // the cursor waits in the first field to fix
    expect(await a11yIssues()).toEqual([]);
    await screenshot(page, 'caseload-03-register-errors');
    // Dates typed the Czech way, day first; an impossible one is said beside the field, never rolled over.
    await form.getByLabel(/^Datum narození/).fill('31.2.1985');
    await form.getByLabel(/^Datum narození/).blur();
    await expect.poll(() => form.getByText('Zadejte platné datum, např. 5. 3. 2026.').isVisible()).toBe(true);
    await form.getByLabel(/^Datum narození/).fill(czechDate('1985-03-12', 'compact'));
    await form.getByLabel(/^Datum narození/).blur();
    expect(await form.getByLabel(/^Datum narození/).inputValue()).toBe('12. 3. 1985');
    await pick(form, /^Pohlaví/, 'Muž');
    await expect.poll(() => form.getByText('Vyplňte prosím.').count()).toBe(0);
    // The same name and date of birth as NOV-1985: a warning naming the existing client.
    const warning = page.getByTestId('duplicate-warning');
    await expect.poll(() => warning.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await warning.innerText()).toContain('NOV-1985');
    expect(await warning.innerText()).toContain('stejné jméno a datum narození');
    // A cross-field rule, in the UI language: the earliest release after the end of sentence.
    await pick(form, 'Věznice', 'Věznice Pankrác');
    await form.getByLabel('Začátek trestu').fill(czechDate('2024-02-01', 'spaced'));
    await form.getByLabel('Nejdříve možné propuštění').fill(czechDate(isoIn(400), 'padded'));
    await form.getByLabel('Konec trestu').fill(czechDate(isoIn(300), 'compact'));
    await form.getByRole('button', { name: 'Zaregistrovat klienta' }).click();
    await expect.poll(() => form.getByText('Nejdříve možné propuštění nemůže být po konci trestu.').isVisible()).toBe(true);
    await form.getByLabel('Nejdříve možné propuštění').fill(czechDate(isoIn(20), 'spaced'));
    await pick(form, 'Kraj návratu', 'Praha');
    await form.getByLabel('Obec návratu').fill('Praha 4');
    await form.getByLabel('Poznámky').fill('Chce do doléčovacího centra; nabídnout kurz s naloxonem.');
    await form.getByRole('button', { name: 'Zaregistrovat klienta' }).click();
    // Not yet: the duplicate must be confirmed.
    await expect.poll(() => form.getByText('Potvrďte prosím, že jde o jinou osobu').isVisible()).toBe(true);
    expect(await form.getByText('Nejdříve možné propuštění nemůže být po konci trestu.').count()).toBe(0);
    expect(await a11yIssues()).toEqual([]);
    await screenshot(page, 'caseload-04-register-duplicate');
    await form.getByLabel(/jde o jinou osobu, zaregistrovat/).check();
    await form.getByRole('button', { name: 'Zaregistrovat klienta' }).click();
    // The new record opens.
    await expect.poll(() => page.getByRole('heading', { name: 'Novák Petr', level: 2 }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByRole('tab', { name: 'Přehled' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByText('Praha 4').isVisible()).toBe(true);
    expect(await page.getByText('za 20 dní').isVisible()).toBe(true);
    expect(await a11yIssues()).toEqual([]);
    await screenshot(page, 'caseload-05-client-page');
    const page2 = await invoke('clients.caseload', { search: 'naloxonem' });
    expect(page2.total).toBe(1);
    // What was typed day-first reached the API as ISO dates.
    const stored = await invoke('clients.get', { id: page2.rows[0]!.id });
    expect([stored.dateOfBirth, stored.sentenceStart, stored.earliestRelease, stored.latestRelease]).toEqual(['1985-03-12', '2024-02-01', isoIn(20), isoIn(300)]);
  });

  it('finds the new client by a word from its notes', async () => {
    await page.getByRole('button', { name: 'Zpět na seznam klientů' }).click();
    await page.getByRole('searchbox', { name: 'Hledat' }).fill('doléčovacího');
    await expect.poll(range).toBe('1–1 z 1');
    expect(await rows().first().innerText()).toContain('Novák Petr');
    await page.getByRole('searchbox', { name: 'Hledat' }).fill('');
    await expect.poll(range).toBe('1–50 z 122');
  });

  it('a half-typed registration comes back after a reload', async () => {
    await page.getByRole('button', { name: 'Registrovat klienta' }).click();
    const form = page.getByRole('form', { name: 'Registrace klienta' });
    await form.getByLabel(/^Příjmení/).fill('Rozepsaná');
    await form.getByLabel(/^Jméno/).fill('Marie');
    await form.getByLabel('Poznámky').fill('Dlouhá poznámka z návštěvy, která se nesmí ztratit.');
    await new Promise((r) => setTimeout(r, 1000)); // the autosave runs 400 ms after typing stops
    await page.reload();
    await expect.poll(() => page.getByTestId('draft-restored').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await form.getByLabel(/^Příjmení/).inputValue()).toBe('Rozepsaná');
    expect(await form.getByLabel(/^Jméno/).inputValue()).toBe('Marie');
    expect(await form.getByLabel('Poznámky').inputValue()).toBe('Dlouhá poznámka z návštěvy, která se nesmí ztratit.');
    await screenshot(page, 'caseload-06-draft-restored');
    await page.getByRole('button', { name: 'Zahodit koncept' }).click();
    await expect.poll(() => form.getByLabel(/^Příjmení/).inputValue()).toBe('');
    await page.getByRole('button', { name: 'Zpět na seznam klientů' }).click();
  });

  it('keyboard only: Tab reaches the search, the filters and the table; arrows move; Enter opens; focus comes back', async () => {
    await expect.poll(range).toBe('1–50 z 122');
    await page.getByRole('searchbox', { name: 'Hledat' }).focus();
    const seen: string[] = [];
    for (let i = 0; i < 30; i++) {
      const f = await focused();
      seen.push(f.label || f.text.split('\n')[0]!);
      if (f.testId === 'caseload-row') break;
      await page.keyboard.press('Tab');
    }
    expect((await focused()).testId).toBe('caseload-row');
    for (const label of ['Hledat', 'Věznice', 'Kraj návratu', 'Stav', 'Pracovník', 'Kód']) expect(seen.some((s) => s.startsWith(label)), `${label} in ${seen.join(' | ')}`).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    const third = rows().nth(2);
    expect(await third.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await third.getAttribute('tabindex')).toBe('0');
    expect(await rows().nth(0).getAttribute('tabindex')).toBe('-1');
    await screenshot(page, 'caseload-07-keyboard-focus');
    const name = await third.locator('td').nth(1).innerText();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().innerText(), { timeout: 20_000 }).toBe(name);
    // Focus starts at the record's heading; Shift+Tab reaches "back"; focus returns to the same row.
    expect((await focused()).tag).toBe('H2');
    await page.keyboard.press('Shift+Tab');
    expect((await focused()).text).toContain('Zpět na seznam klientů');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused()).testId).toBe('caseload-row');
    expect(await third.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('edits a client with conflict detection, changes the status and reassigns', async () => {
    await page.getByRole('searchbox', { name: 'Hledat' }).fill('NOV-1985');
    await expect.poll(range).toBe('1–1 z 1');
    await rows().first().click();
    await expect.poll(() => page.getByRole('heading', { name: 'Novák Petr', level: 2 }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Upravit údaje' }).click();
    const form = page.getByRole('form', { name: 'Úprava údajů klienta' });
    await form.getByLabel('Obec návratu').fill('Kladno');
    // Meanwhile somebody else saves this client (as the edit form does: every field, one of them changed).
    const c = await invoke('clients.get', { id: ids.novak! });
    await invoke('clients.update', {
      ...{ code: c.code, firstName: c.firstName, lastName: c.lastName, dateOfBirth: c.dateOfBirth, sex: c.sex, preferredLanguage: c.preferredLanguage, prisonId: c.prisonId, regionId: c.regionId },
      ...{ sentenceStart: c.sentenceStart, earliestRelease: c.earliestRelease, latestRelease: c.latestRelease, actualRelease: c.actualRelease, municipality: c.municipality, notes: c.notes },
      ...{ id: c.id, revision: c.revision, nationality: 'česká' },
    });
    await form.getByRole('button', { name: 'Uložit změny' }).click();
    await expect.poll(() => page.getByText('Mezitím údaje tohoto klienta uložil někdo jiný').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByText('Jinde změněno: Státní příslušnost.').isVisible()).toBe(true);
    expect((await invoke('clients.get', { id: ids.novak! })).municipality).toBe(''); // nothing overwritten silently
    expect(await a11yIssues()).toEqual([]);
    await screenshot(page, 'caseload-08-edit-conflict');
    await page.getByRole('button', { name: 'Načíst aktuální verzi a ponechat mé změny' }).click();
    await form.getByRole('button', { name: 'Uložit změny' }).click();
    await expect.poll(() => page.getByText('Změny jsou uložené.').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByText('Kladno').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Změnit stav' }).click();
    await pick(page.getByRole('dialog'), 'Nový stav', 'Aktivní');
    await page.getByRole('dialog').getByRole('button', { name: 'Potvrdit' }).click();
    await expect.poll(() => page.getByText('Stav změněn na „Aktivní“.').isVisible(), { timeout: 20_000 }).toBe(true);
    await page.getByRole('button', { name: 'Přidělit jinému pracovníkovi' }).click();
    await pick(page.getByRole('dialog'), 'Nový odpovědný pracovník', 'Jana Nováková');
    await page.getByRole('dialog').getByRole('button', { name: 'Potvrdit' }).click();
    await expect.poll(() => page.getByText('Klient přidělen: Jana Nováková.').isVisible(), { timeout: 20_000 }).toBe(true);
    const saved = await invoke('clients.get', { id: ids.novak! });
    // My change and the colleague's change both kept; nothing else touched.
    expect([saved.status, saved.assignedWorkerId, saved.municipality, saved.nationality, saved.prisonId, saved.earliestRelease]).toEqual(['active', ids.jana, 'Kladno', 'česká', ids['Věznice Ruzyně'], c.earliestRelease]);
  });

  it('a handed-over case shows the custody badge and is read-only', async () => {
    inst.backend.session!.store.sqlite
      .prepare("UPDATE clients SET custody = 'handedOver', handed_over_to = 'Mgr. Eva Dlouhá (Drop In)', handed_over_at = ? WHERE id = ?")
      .run(new Date().toISOString(), ids.second);
    await page.getByRole('button', { name: 'Zpět na seznam klientů' }).click();
    const code = (await invoke('clients.get', { id: ids.second! })).code;
    await page.getByRole('searchbox', { name: 'Hledat' }).fill(code);
    await expect.poll(range).toBe('1–1 z 1');
    await expect.poll(() => rows().first().innerText()).toContain(code);
    await rows().first().click();
    await expect.poll(() => page.getByTestId('custody-badge').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('custody-badge').innerText()).toBe('Předáno: Mgr. Eva Dlouhá (Drop In) – čeká se na potvrzení převzetí');
    expect(await page.getByRole('button', { name: 'Upravit údaje' }).count()).toBe(0);
    expect(await a11yIssues()).toEqual([]);
    await screenshot(page, 'caseload-09-handed-over');
  });

  it('an admin keeps the prisons and regions: add, rename, retire (no longer offered), use again', async () => {
    await page.getByRole('button', { name: 'Věznice a kraje' }).click();
    const prisons = page.getByRole('region', { name: 'Věznice' });
    await prisons.getByLabel('Název nové věznice').fill('V');
    await prisons.getByRole('button', { name: 'Přidat věznici' }).click();
    await expect.poll(() => prisons.getByText('Alespoň 2 znaky.').isVisible()).toBe(true);
    expect(await a11yIssues()).toEqual([]);
    await prisons.getByLabel('Název nové věznice').fill('Věznice Ostrov');
    await prisons.getByRole('button', { name: 'Přidat věznici' }).click();
    await expect.poll(() => prisons.getByTestId('reference-prison-row').count(), { timeout: 20_000 }).toBe(4);
    await prisons.getByRole('button', { name: 'Přejmenovat: Věznice Ostrov' }).click();
    await page.getByRole('dialog').getByLabel('Nový název').fill('Věznice Ostrov nad Ohří');
    await page.getByRole('dialog').getByRole('button', { name: 'Uložit' }).click();
    await expect.poll(() => prisons.getByText('Věznice Ostrov nad Ohří').isVisible(), { timeout: 20_000 }).toBe(true);
    await prisons.getByRole('button', { name: 'Vyřadit: Věznice Pankrác' }).click();
    await expect.poll(() => prisons.getByRole('button', { name: 'Znovu používat: Věznice Pankrác' }).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await a11yIssues()).toEqual([]);
    await screenshot(page, 'caseload-10-reference');
    expect((await invoke('reference.list', { kind: 'prison' })).map((p) => p.name)).toEqual(['Věznice Ostrov nad Ohří', 'Věznice Ruzyně', 'Věznice Světlá nad Sázavou']);
    await prisons.getByRole('button', { name: 'Znovu používat: Věznice Pankrác' }).click();
    await expect.poll(() => prisons.getByRole('button', { name: 'Vyřadit: Věznice Pankrác' }).isVisible(), { timeout: 20_000 }).toBe(true);
  });

  it('reads well in English too', async () => {
    await page.getByText('English').click();
    await page.getByRole('button', { name: 'Clients' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await expect.poll(range).toBe('1–50 of 122');
    expect(await page.getByRole('columnheader', { name: /Earliest release/ }).isVisible()).toBe(true);
    await viewShot('caseload-11-english');
    await page.getByRole('button', { name: 'Register a client' }).click();
    await screenshot(page, 'caseload-12-register-english');
    await page.getByText('Čeština').click();
  });

  it('a caseworker sees only her own caseload, without the worker column and filter', async () => {
    await page.getByRole('button', { name: 'Zamknout' }).click();
    await page.getByLabel('Uživatelské jméno').fill('jana');
    await page.getByLabel(/^Heslo\s*\*?$/).fill('janino dlouhé heslo');
    await page.getByRole('button', { name: 'Přihlásit' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Moji klienti', level: 2 }).isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(range).toBe('1–31 z 31'); // every 4th seeded client and Petr Novák, reassigned to her above
    expect(await page.getByRole('columnheader', { name: /Pracovník/ }).count()).toBe(0);
    expect(await page.getByRole('search').getByText('Pracovník').count()).toBe(0);
    expect(await a11yIssues()).toEqual([]);
    await viewShot('caseload-13-caseworker');
  });
});
