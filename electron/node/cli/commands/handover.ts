import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { HANDOVER_SECTION_VALUES as HANDOVER_SECTIONS } from '../../../../shared/schemas/enumValues';
import type { HandoverSection } from '../../../../shared/schemas/handover';
import type { Backend } from '../../backend';
import { localDate } from '../../../../shared/plan';
import { displaySafe } from '../../../../shared/handover/displaySafe';
import { CliError, call, dataOption, loginFromEnv, oneOf, optionsOf, output, withBackend } from '../context';

/** identity, contacts, consent, handover and receipt commands: the W8–W10 workflows, headless. */

async function clientIdByCode(backend: Backend, code: string): Promise<string> {
  const wanted = code.trim().toUpperCase();
  const page = await call(backend, 'clients.caseload', { search: wanted, limit: 200 });
  const row = page.rows.find((r) => r.code === wanted);
  if (!row) throw new CliError(`No client with the code ${wanted} in your caseload.`);
  return row.id;
}

function parseSections(value: string): HandoverSection[] {
  if (value.trim() === 'all') return [...HANDOVER_SECTIONS];
  return value.split(',').map((s) => {
    const section = oneOf(HANDOVER_SECTIONS, s.trim());
    if (!section) throw new CliError(`Unknown section "${s.trim()}": use all or a comma-separated list of ${HANDOVER_SECTIONS.join(', ')}.`);
    return section;
  });
}

export function registerHandoverCommands(program: Command): void {
  const identity = program.command('identity').description("this installation's user identity (THROUGHCARE_ADMIN_USER)");
  dataOption(identity.command('show'))
    .description('print the fingerprint and the safety code to compare by phone')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string }>(cmd);
      const me = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        return call(backend, 'identity.get', {});
      });
      const { cardText: _c, qrSvg: _q, ...shown } = me;
      output(opts, { ...shown, name: me.card.name, organisation: me.card.organisation }, () => [
        `${me.card.name} (${me.card.organisation})`,
        `Fingerprint: ${me.fingerprint}`,
        `Safety code: ${me.safetyCode}`,
      ]);
    });
  dataOption(identity.command('card'))
    .description('write the identity card to a file, to give to a contact')
    .requiredOption('--out <file>', 'where to write the card (e.g. jana.card.json)')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string; out: string }>(cmd);
      const me = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        return call(backend, 'identity.get', {});
      });
      try {
        writeFileSync(opts.out, me.cardText, { flag: 'w' });
      } catch (e) {
        throw new CliError(`The card could not be written to ${opts.out}: ${(e as Error).message}`);
      }
      output(opts, { file: opts.out, fingerprint: me.fingerprint, safetyCode: me.safetyCode }, () => `Card written to ${opts.out}. Safety code: ${me.safetyCode}`);
    });

  const contacts = program.command('contacts').description('trusted contacts: pinned identity cards');
  dataOption(contacts.command('add'))
    .description("pin a contact's card; with --verified-code it must match the card's safety code")
    .argument('<file>', 'the card file')
    .option('--verified-code <code>', 'the 30-digit safety code compared with the owner by phone')
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string; verifiedCode?: string }>(cmd);
      let cardText: string;
      try {
        cardText = readFileSync(file, 'utf8');
      } catch {
        throw new CliError(`The card file ${file} cannot be read.`);
      }
      const contact = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        return call(backend, 'trustedContacts.add', { cardText, ...(opts.verifiedCode ? { verifiedCode: opts.verifiedCode } : {}) });
      });
      output(opts, contact, () => `${contact.name} (${contact.organisation}) added${contact.verification === 'unverified' ? ', NOT verified yet' : ', verified'}. Fingerprint ${contact.fingerprint}`);
    });
  dataOption(contacts.command('list'))
    .description('list trusted contacts')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string }>(cmd);
      const list = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        return call(backend, 'trustedContacts.list', {});
      });
      output(opts, list, () =>
        list.length ? list.map((c) => `${c.fingerprint.slice(0, 16)}  ${c.verification.padEnd(22)}  ${displaySafe(c.name)} (${displaySafe(c.organisation)})${c.cardExpired ? `  EXPIRED ${c.cardExpiresAt.slice(0, 10)}` : ''}`) : 'No contacts.',
      );
    });

  const consent = program.command('consent').description("clients' consents (W10)");
  dataOption(consent.command('add'))
    .description('record a consent to share the case with a pinned trusted contact (or, for a first-contact passphrase handover, an organisation)')
    .requiredOption('--client <code>', 'client code')
    .option('--contact <fingerprint>', 'the trusted contact (fingerprint, or a unique prefix of 16+ characters: `contacts list`)')
    .option('--org <name>', 'only for a first-contact passphrase handover: the organisation as typed (marked unverified)')
    .option('--sections <list>', `all, or a comma-separated list of ${HANDOVER_SECTIONS.join(', ')}`, 'all')
    .option('--given <date>', 'date the consent was given (YYYY-MM-DD, default today)')
    .option('--expires <date>', 'expiry date (YYYY-MM-DD)')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string; client: string; contact?: string; org?: string; sections: string; given?: string; expires?: string }>(cmd);
      if (Boolean(opts.contact) === Boolean(opts.org)) throw new CliError('Give either --contact FINGERPRINT (a pinned contact) or --org NAME (a first-contact passphrase handover only).');
      const sections = parseSections(opts.sections);
      const result = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        const clientId = await clientIdByCode(backend, opts.client);
        const contactId = opts.contact ? contactIdByFingerprint(await call(backend, 'trustedContacts.list', {}), opts.contact) : null;
        const givenOn = opts.given ?? localDate(backend.now());
        return call(backend, 'consent.add', { clientId, consent: { kind: 'sharing', contactId, organisation: opts.org ?? null, sections, givenOn, expiresOn: opts.expires ?? null } });
      });
      const to = result.binding === 'contact' ? `${result.contactName} (${result.organisation})` : `${result.organisation} (first contact, unverified)`;
      output(opts, result, () => `Consent to share with ${to} recorded (${result.sections.join(', ')}).`);
    });

  const handover = program.command('handover').description('signed, encrypted handover files (W8, W9)');
  dataOption(handover.command('export'))
    .description('make a handover file of a client for trusted contacts (or a first-contact passphrase)')
    .requiredOption('--client <code>', 'client code')
    .option('--to <fingerprints>', 'comma-separated fingerprints (or unique prefixes of 16+ characters) of verified contacts')
    .option('--passphrase', 'first contact: encrypt with a generated passphrase (printed once) instead')
    .option('--org <name>', 'with --passphrase: the organisation it goes to (checked against the consent)')
    .requiredOption('--out <file>', 'where to write the .handover file')
    .option('--sections <list>', 'all, or a comma-separated list of sections', 'all')
    .option('--custody', 'move custody: the case becomes read-only here')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string; client: string; to?: string; passphrase?: boolean; org?: string; out: string; sections: string; custody?: boolean }>(cmd);
      if (Boolean(opts.to) === Boolean(opts.passphrase)) throw new CliError('Give either --to FINGERPRINT[,…] or --passphrase (with --org).');
      if (opts.passphrase && !opts.org) throw new CliError('--passphrase needs --org: the organisation the file goes to.');
      const sections = parseSections(opts.sections);
      const result = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        const clientId = await clientIdByCode(backend, opts.client);
        const contactList = await call(backend, 'trustedContacts.list', {});
        const recipientIds = (opts.to ?? '')
          .split(',')
          .filter(Boolean)
          .map((fp) => contactIdByFingerprint(contactList, fp));
        const folder = path.dirname(path.resolve(opts.out));
        const made = await call(backend, 'handover.export', {
          clientId,
          recipientIds,
          passphraseFor: opts.passphrase ? { organisation: opts.org!, label: opts.org! } : null,
          sections,
          custody: Boolean(opts.custody),
          folder,
        });
        const { renameSync } = await import('node:fs');
        // The service names the file randomly in the folder; the CLI user named it.
        renameSync(made.filePath, path.resolve(opts.out));
        return { ...made, filePath: path.resolve(opts.out) };
      });
      output(opts, result, () => [
        `Handover file written: ${result.filePath}`,
        `Bundle ${result.bundleId}, SHA-256 ${result.fileSha256}`,
        ...(result.passphrase ? [`First-contact passphrase (tell it by phone; it is shown only now): ${result.passphrase}`] : []),
      ]);
    });
  dataOption(handover.command('verify'))
    .description('decrypt and check a handover file, print sender, recipients and contents; writes nothing')
    .argument('<file>', 'the .handover file')
    .option('--passphrase <words>', 'first-contact passphrase (or THROUGHCARE_HANDOVER_PASSPHRASE)')
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string; passphrase?: string }>(cmd);
      const passphrase = opts.passphrase ?? process.env.THROUGHCARE_HANDOVER_PASSPHRASE;
      const result = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        return call(backend, 'handover.inspect', { source: { path: path.resolve(file) }, ...(passphrase ? { passphrase } : {}) });
      });
      const { card, ...sender } = result.sender;
      // Everything below that came from the file is neutralised: an ESC sequence in a name cannot paint a fake "OK".
      const s = (text: string) => displaySafe(text);
      const expired = result.warnings.includes('senderCardExpired');
      output(opts, { ...result, sender: { ...sender, cardExpiresAt: card.expiresAt }, advice: 'Compare the fingerprint with the card pinned in `contacts list` (or with the sender by phone) before trusting the minisign key.' }, () => [
        `OK: signature and contents verified.`,
        `From: ${s(sender.name)} (${s(sender.organisation)}), ${expired ? `EXPIRED card (expired ${card.expiresAt.slice(0, 10)}, before it signed), ` : ''}${sender.trust}, fingerprint ${sender.fingerprint}`,
        `Made: ${result.createdAt}; bundle ${result.bundleId}${result.custody ? '; custody moves with it' : ''}`,
        `To: ${result.recipients.map((r) => `${s(r.label)}${r.isMe ? ' (you)' : ''}`).join(', ')}`,
        `Client: ${s(result.client.code)} ${s(result.client.firstName)} ${s(result.client.lastName)}, born ${result.client.dateOfBirth}`,
        `Sections: ${result.sections.join(', ')}; ${Object.entries(result.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`,
        `Files: ${result.files.map((f) => s(f.displayName)).join(', ')}`,
        ...(result.alreadyImported ? ['Already imported here.'] : []),
        ...(result.warnings.length ? [`Warnings (import needs --confirm): ${result.warnings.join(', ')}`] : []),
        `Sender's minisign public key (compare the fingerprint above with the pinned card before using it):`,
        sender.minisignPublicKey,
      ]);
    });
  dataOption(handover.command('import'))
    .description('import a handover file and write the signed receipt for the way back')
    .argument('<file>', 'the .handover file')
    .option('--passphrase <words>', 'first-contact passphrase (or THROUGHCARE_HANDOVER_PASSPHRASE)')
    .requiredOption('--receipt-out <file>', 'where to write the receipt')
    .option('--into <code>', 'import into this existing client instead of a new one')
    .option('--confirm', 'confirm the warnings (unverified sender, timestamps)')
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string; passphrase?: string; receiptOut: string; into?: string; confirm?: boolean }>(cmd);
      const passphrase = opts.passphrase ?? process.env.THROUGHCARE_HANDOVER_PASSPHRASE;
      const result = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        const intoClientId = opts.into ? await clientIdByCode(backend, opts.into) : undefined;
        return call(backend, 'handover.import', {
          source: { path: path.resolve(file) },
          ...(passphrase ? { passphrase } : {}),
          mode: intoClientId ? 'into' : 'new',
          ...(intoClientId ? { intoClientId } : {}),
          confirmWarnings: Boolean(opts.confirm),
          receiptPath: path.resolve(opts.receiptOut),
        });
      });
      output(opts, result, () => [`Imported as client ${result.code}.`, `Receipt written: ${result.receiptPath} — take it back to the sender.`]);
    });

  const receipt = program.command('receipt').description('receipts coming back from recipients');
  dataOption(receipt.command('import'))
    .description('import a signed receipt: marks the handover as received')
    .argument('<file>', 'the receipt file')
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const opts = optionsOf<{ data: string }>(cmd);
      const result = await withBackend(opts.data, async (backend) => {
        await loginFromEnv(backend);
        return call(backend, 'handover.importReceipt', { source: { path: path.resolve(file) } });
      });
      output(opts, result, () => `Receipt accepted: handover ${result.bundleId} ${result.status}.`);
    });
}

/** A contact named on the command line by its fingerprint or a unique prefix of 16+ characters. */
function contactIdByFingerprint(contactList: { id: string; fingerprint: string }[], fingerprint: string): string {
  const prefix = fingerprint.trim().toLowerCase();
  const matches = contactList.filter((c) => c.fingerprint.startsWith(prefix));
  if (prefix.length < 16 || matches.length !== 1) throw new CliError(`No single contact has the fingerprint ${prefix}: run \`contacts list\`.`);
  return matches[0]!.id;
}
