import { existsSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { apiError } from '../../../../shared/api';
import type { consentCalls, handoverCalls, identityCalls, trustedContactsCalls } from '../../../../shared/api/calls/handover';
import type { HandlersFor } from './types';
import type { UserContext } from '../../backend';
import { consents, trustedContacts } from '../../store/schema';
import { assertClientReadable, assertClientWritable } from '../../clients/clientRepository';
import { HandoverError } from '../../handover/handoverError';
import { consentById, insertConsent, listConsents, toConsent } from '../../handover/consentRepository';
import { exportHandover, importHandover, importReceipt, inspectHandover, listExports, previewExport } from '../../handover/handoverService';
import { activeContactByFingerprint, activeContactById, activeContacts, assertCardUsable, ensureIdentity, insertContact, ownIdentityView, toContact } from '../../identity/identityStore';
import { parseCardText, safetyCodeOf } from '../../identity/identityCard';
import { renderConsentReceiptPdf } from '../../pdf';

/** HandoverErrors become REFUSED API errors with their specific message and i18n key. */
async function refusing<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof HandoverError) throw e.toApiError();
    throw e;
  }
}

const today = (ctx: UserContext) => new Date(ctx.backend.now()).toISOString().slice(0, 10);
const who = (ctx: UserContext) => ({ userId: ctx.user.id, now: new Date(ctx.backend.now()) });

export const identityHandlers: HandlersFor<typeof identityCalls> = {
  'identity.get': async (_input, { backend }) => ownIdentityView(await ensureIdentity(backend.userContext())),
};

export const trustedContactsHandlers: HandlersFor<typeof trustedContactsCalls> = {
  'trustedContacts.list': (_input, { backend }) => activeContacts(backend.userContext().db).map(toContact),

  'trustedContacts.inspectCard': (input, { backend }) =>
    refusing(() => {
      const ctx = backend.userContext();
      const { card } = parseCardText(input.cardText);
      return { card, safetyCode: safetyCodeOf(card), existingContactId: activeContactByFingerprint(ctx.db, card.fingerprint)?.id ?? null };
    }),

  'trustedContacts.add': (input, { backend }) =>
    refusing(async () => {
      const ctx = backend.userContext();
      const { card, cardBytes, signature } = parseCardText(input.cardText);
      assertCardUsable(card, new Date(backend.now()));
      const me = await ensureIdentity(ctx);
      if (card.fingerprint === me.card.fingerprint) throw apiError('REFUSED', 'This is your own card.', 'errors.handover.ownCard');
      if (input.verifiedCode !== undefined && input.verifiedCode !== safetyCodeOf(card)) throw new HandoverError('safetyCodeMismatch');
      const existing = activeContactByFingerprint(ctx.db, card.fingerprint);
      if (existing && existing.id !== input.replaceContactId) {
        throw apiError('CONFLICT', `${existing.name} is already among your contacts with this card.`, 'errors.handover.contactExists', { name: existing.name });
      }
      const replaced = input.replaceContactId ? activeContactById(ctx.db, input.replaceContactId) : undefined;
      if (input.replaceContactId && !replaced) throw apiError('NOT_FOUND', 'No such contact.', 'errors.notFound');
      const verification = input.verifiedCode ? 'safetyCode' : 'unverified';
      const id = ctx.change(
        { action: replaced ? 'contact.replaced' : 'contact.added', entityType: 'contact', entityId: card.fingerprint, details: { verification, replaced: replaced?.fingerprint ?? null } },
        (tx) => {
          if (replaced) tx.update(trustedContacts).set({ removedAt: new Date(backend.now()).toISOString() }).where(eq(trustedContacts.id, replaced.id)).run();
          return insertContact(tx, card, cardBytes, signature, verification, who(ctx));
        },
      );
      return toContact(activeContactById(ctx.db, id)!);
    }),

  'trustedContacts.verify': (input, { backend }) =>
    refusing(() => {
      const ctx = backend.userContext();
      const row = activeContactById(ctx.db, input.id);
      if (!row) throw apiError('NOT_FOUND', 'No such contact.', 'errors.notFound');
      const contact = toContact(row);
      if (input.safetyCode !== contact.safetyCode) throw new HandoverError('safetyCodeMismatch');
      const at = new Date(backend.now()).toISOString();
      ctx.change({ action: 'contact.verified', entityType: 'contact', entityId: row.fingerprint }, (tx) => {
        tx.update(trustedContacts).set({ verification: 'safetyCode', verifiedAt: at, verifiedBy: ctx.user.id }).where(eq(trustedContacts.id, row.id)).run();
      });
      return toContact(activeContactById(ctx.db, row.id)!);
    }),

  'trustedContacts.remove': (input, { backend }) => {
    const ctx = backend.userContext();
    const row = activeContactById(ctx.db, input.id);
    if (!row) throw apiError('NOT_FOUND', 'No such contact.', 'errors.notFound');
    ctx.change({ action: 'contact.removed', entityType: 'contact', entityId: row.fingerprint }, (tx) => {
      tx.update(trustedContacts).set({ removedAt: new Date(backend.now()).toISOString() }).where(eq(trustedContacts.id, row.id)).run();
    });
    return {};
  },
};

export const consentHandlers: HandlersFor<typeof consentCalls> = {
  'consent.list': (input, { backend }) => {
    const ctx = backend.userContext();
    assertClientReadable(ctx.db, ctx.user, input.clientId);
    ctx.audit({ action: 'consent.read', entityType: 'client', entityId: input.clientId });
    return listConsents(ctx.db, input.clientId, today(ctx));
  },

  'consent.add': (input, { backend }) => {
    const ctx = backend.userContext();
    assertClientReadable(ctx.db, ctx.user, input.clientId);
    assertClientWritable(ctx.db, input.clientId);
    const c = input.consent;
    const id = ctx.change(
      { action: 'consent.added', entityType: 'client', entityId: input.clientId, details: { kind: c.kind, sections: c.sections.join(',') } },
      (tx) => insertConsent(tx, input.clientId, { ...c, organisation: c.organisation ?? null, expiresOn: c.expiresOn ?? null }, who(ctx)),
    );
    return toConsent(consentById(ctx.db, id)!, ctx.user.displayName, today(ctx));
  },

  'consent.withdraw': (input, { backend }) => {
    const ctx = backend.userContext();
    const row = consentById(ctx.db, input.id);
    if (!row) throw apiError('NOT_FOUND', 'No such consent.', 'errors.notFound');
    assertClientReadable(ctx.db, ctx.user, row.clientId);
    assertClientWritable(ctx.db, row.clientId);
    if (row.withdrawnOn) throw apiError('REFUSED', 'This consent was already withdrawn.', 'errors.handover.consentAlreadyWithdrawn');
    if (input.withdrawnOn < row.givenOn) throw apiError('VALIDATION', 'A consent cannot be withdrawn before it was given.', 'errors.handover.withdrawnBeforeGiven');
    ctx.change({ action: 'consent.withdrawn', entityType: 'client', entityId: row.clientId, details: { consentId: row.id } }, (tx) => {
      tx.update(consents).set({ withdrawnOn: input.withdrawnOn }).where(eq(consents.id, row.id)).run();
    });
    return toConsent(consentById(ctx.db, row.id)!, null, today(ctx));
  },

  'consent.receiptPdf': (input, { backend }) => consentReceipt(backend.userContext(), input.id, input.language),
};

/** Downloads when the user has one; else `<data dir>/handover`, made on first use. */
function defaultFolder(dataDir: string): string {
  const downloads = path.join(homedir(), 'Downloads');
  try {
    if (statSync(downloads).isDirectory()) return downloads;
  } catch {
    // no Downloads folder: fall through
  }
  const own = path.join(dataDir, 'handover');
  if (!existsSync(own)) mkdirSync(own, { recursive: true, mode: 0o700 });
  return own;
}

async function consentReceipt(ctx: UserContext, id: string, language: 'cs' | 'en' | undefined) {
  const row = consentById(ctx.db, id);
  if (!row) throw apiError('NOT_FOUND', 'No such consent.', 'errors.notFound');
  const client = assertClientReadable(ctx.db, ctx.user, row.clientId);
  const consent = listConsents(ctx.db, row.clientId, today(ctx)).find((c) => c.id === row.id)!;
  const now = new Date(ctx.backend.now());
  const lang = language ?? client.preferredLanguage;
  const { pdf, pages } = await renderConsentReceiptPdf({
    language: lang,
    organisation: ctx.backend.readKeySlots().installation.organisation,
    printedAt: now,
    client: { code: client.code, firstName: client.firstName, lastName: client.lastName },
    consent,
  });
  ctx.audit({ action: 'client.printed', entityType: 'client', entityId: client.id, details: { document: 'consentReceipt', consentId: row.id, language: lang, pages } });
  return { fileName: `consent-${client.code}-${now.toISOString().slice(0, 10)}.pdf`, pdfBase64: pdf.toString('base64'), pages };
}

export const handoverHandlers: HandlersFor<typeof handoverCalls> = {
  'handover.defaultFolder': (_input, { backend }) => {
    backend.userContext();
    return { folder: defaultFolder(backend.dataDir) };
  },
  'handover.preview': (input, { backend }) => refusing(() => previewExport(backend.userContext(), input)),
  'handover.export': (input, { backend }) => {
    const { folder, ...req } = input;
    return refusing(() => exportHandover(backend.userContext(), req, folder));
  },
  'handover.exports': (input, { backend }) => {
    const ctx = backend.userContext();
    if (input.clientId) assertClientReadable(ctx.db, ctx.user, input.clientId);
    return listExports(ctx.db, input.clientId);
  },
  'handover.inspect': (input, { backend }) => refusing(() => inspectHandover(backend.userContext(), input.source, input.passphrase)),
  'handover.import': (input, { backend }) => refusing(() => importHandover(backend.userContext(), input)),
  'handover.importReceipt': (input, { backend }) => refusing(() => importReceipt(backend.userContext(), input.source)),
};
