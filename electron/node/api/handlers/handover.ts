import { existsSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { apiError } from '../../../../shared/api';
import type { consentCalls, handoverCalls, identityCalls, trustedContactsCalls } from '../../../../shared/api/calls/handover';
import type { HandlersFor } from './types';
import { handover } from '../../../../shared/i18n/locales/handover';
import type { ReadContext, WriteContext } from '../context';
import type { Client } from '../../../../shared/schemas/client';
import { consents, trustedContacts } from '../../store/schema';
import { HandoverError } from '../../handover/handoverError';
import { consentById, consentViewById, insertConsent, listConsents, type ConsentRecipient } from '../../handover/consentRepository';
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

const who = (ctx: WriteContext) => ({ userId: ctx.user.id, now: ctx.now });

export const identityHandlers: HandlersFor<typeof identityCalls> = {
  'identity.get': async (_input, ctx) => ownIdentityView(await ensureIdentity(ctx)),
};

export const trustedContactsHandlers: HandlersFor<typeof trustedContactsCalls> = {
  'trustedContacts.list': (_input, ctx) => activeContacts(ctx.db).map((row) => toContact(row, ctx.now)),

  'trustedContacts.inspectCard': (input, ctx) =>
    refusing(() => {
      const { card } = parseCardText(input.cardText);
      return { card, safetyCode: safetyCodeOf(card), existingContactId: activeContactByFingerprint(ctx.db, card.fingerprint)?.id ?? null };
    }),

  'trustedContacts.add': (input, ctx) =>
    refusing(async () => {
      const { card, cardBytes, signature } = parseCardText(input.cardText);
      assertCardUsable(card, ctx.now);
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
          if (replaced) tx.update(trustedContacts).set({ removedAt: ctx.now.toISOString() }).where(eq(trustedContacts.id, replaced.id)).run();
          return insertContact(tx, card, cardBytes, signature, verification, who(ctx));
        },
      );
      return toContact(activeContactById(ctx.db, id)!, ctx.now);
    }),

  'trustedContacts.verify': (input, ctx) =>
    refusing(() => {
      const row = activeContactById(ctx.db, input.id);
      if (!row) throw apiError('NOT_FOUND', 'No such contact.', 'errors.notFound');
      const contact = toContact(row, ctx.now);
      if (input.safetyCode !== contact.safetyCode) throw new HandoverError('safetyCodeMismatch');
      const at = ctx.now.toISOString();
      ctx.change({ action: 'contact.verified', entityType: 'contact', entityId: row.fingerprint }, (tx) => {
        tx.update(trustedContacts).set({ verification: 'safetyCode', verifiedAt: at, verifiedBy: ctx.user.id }).where(eq(trustedContacts.id, row.id)).run();
      });
      return toContact(activeContactById(ctx.db, row.id)!, ctx.now);
    }),

  'trustedContacts.remove': (input, ctx) => {
    const row = activeContactById(ctx.db, input.id);
    if (!row) throw apiError('NOT_FOUND', 'No such contact.', 'errors.notFound');
    ctx.change({ action: 'contact.removed', entityType: 'contact', entityId: row.fingerprint }, (tx) => {
      tx.update(trustedContacts).set({ removedAt: ctx.now.toISOString() }).where(eq(trustedContacts.id, row.id)).run();
    });
    return {};
  },
};

export const consentHandlers: HandlersFor<typeof consentCalls> = {
  'consent.list': (input, ctx) => {
    ctx.audit({ action: 'consent.read', entityType: 'client', entityId: ctx.client.id });
    return listConsents(ctx.db, ctx.client.id, ctx.today);
  },

  'consent.add': (input, ctx) => {
    const c = input.consent;
    const recipient = consentRecipient(ctx, c);
    const id = ctx.change(
      { action: 'consent.added', entityType: 'client', entityId: ctx.client.id, details: { kind: c.kind, sections: c.sections.join(','), binding: recipient?.binding ?? null, contact: recipient?.binding === 'contact' ? recipient.fingerprint : null } },
      (tx) => insertConsent(tx, ctx.client.id, { kind: c.kind, recipient, sections: c.sections, givenOn: c.givenOn, expiresOn: c.expiresOn ?? null, note: c.note }, who(ctx)),
    );
    return consentViewById(ctx.db, id, ctx.today)!;
  },

  'consent.withdraw': (input, ctx) => {
    const row = consentById(ctx.db, input.id);
    if (!row) throw apiError('NOT_FOUND', 'No such consent.', 'errors.notFound');
    if (row.withdrawnOn) throw apiError('REFUSED', 'This consent was already withdrawn.', 'errors.handover.consentAlreadyWithdrawn');
    if (input.withdrawnOn < row.givenOn) throw apiError('VALIDATION', 'A consent cannot be withdrawn before it was given.', 'errors.handover.withdrawnBeforeGiven');
    // A withdrawal takes effect when recorded; one day of slack for a workstation ahead of UTC (Czechia, after midnight).
    if (input.withdrawnOn > new Date(ctx.now.getTime() + 86_400_000).toISOString().slice(0, 10)) throw apiError('VALIDATION', handover.en.errors.handover.withdrawnInFuture, 'errors.handover.withdrawnInFuture');
    ctx.change({ action: 'consent.withdrawn', entityType: 'client', entityId: row.clientId, details: { consentId: row.id } }, (tx) => {
      tx.update(consents).set({ withdrawnOn: input.withdrawnOn }).where(eq(consents.id, row.id)).run();
    });
    return consentViewById(ctx.db, row.id, ctx.today)!;
  },

  'consent.receiptPdf': (input, ctx) => consentReceipt(ctx, input.id, input.language),
};

/** A sharing consent names a pinned contact (its fingerprint is what the gate matches) or a typed first-contact organisation. */
function consentRecipient(ctx: WriteContext, c: { kind: string; contactId: string | null; organisation: string | null }): ConsentRecipient {
  if (c.kind !== 'sharing') return null;
  if (c.contactId) {
    const contact = activeContactById(ctx.db, c.contactId);
    if (!contact) throw apiError('NOT_FOUND', 'No such contact.', 'errors.notFound');
    return { binding: 'contact', fingerprint: contact.fingerprint, organisation: contact.organisation };
  }
  return { binding: 'typed', organisation: c.organisation! };
}

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

async function consentReceipt(ctx: ReadContext & { readonly client: Client }, id: string, language: 'cs' | 'en' | undefined) {
  const row = consentById(ctx.db, id);
  if (!row) throw apiError('NOT_FOUND', 'No such consent.', 'errors.notFound');
  const { client, now } = ctx;
  const consent = consentViewById(ctx.db, row.id, ctx.today)!;
  const lang = language ?? client.preferredLanguage;
  const { pdf, pages } = await renderConsentReceiptPdf({
    language: lang,
    organisation: ctx.installation.organisation(),
    printedAt: now,
    client: { code: client.code, firstName: client.firstName, lastName: client.lastName },
    consent,
  });
  ctx.audit({ action: 'client.printed', entityType: 'client', entityId: client.id, details: { document: 'consentReceipt', consentId: row.id, language: lang, pages } });
  return { fileName: `consent-${client.code}-${now.toISOString().slice(0, 10)}.pdf`, pdfBase64: pdf.toString('base64'), pages };
}

export const handoverHandlers: HandlersFor<typeof handoverCalls> = {
  'handover.defaultFolder': (_input, ctx) => ({ folder: defaultFolder(ctx.installation.dataDir) }),
  'handover.preview': (input, ctx) => refusing(() => previewExport(ctx, input)),
  'handover.export': (input, ctx) => {
    const { folder, ...req } = input;
    return refusing(() => exportHandover(ctx, req, folder));
  },
  'handover.exports': (input, ctx) => listExports(ctx.db, ctx.client?.id ?? null, ctx.user),
  'handover.inspect': (input, ctx) => refusing(() => inspectHandover(ctx, input.source, input.passphrase)),
  'handover.import': (input, ctx) => refusing(() => importHandover(ctx, input)),
  'handover.importReceipt': (input, ctx) => refusing(() => importReceipt(ctx, input.source)),
};
