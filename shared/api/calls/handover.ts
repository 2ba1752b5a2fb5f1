import { z } from 'zod';
import { defineCall } from '../contract';
import { printedPdfSchema } from './print';
import { clientLanguageSchema } from '../../schemas/client';
import { consentFieldsSchema, consentSchema } from '../../schemas/consent';
import { bundleInspectionSchema, handoverExportSchema, handoverSectionSchema } from '../../schemas/handover';
import { contactSchema, fingerprintSchema, identityCardSchema, ownIdentitySchema, safetyCodeInputSchema, safetyCodeSchema } from '../../schemas/identity';

/** Identities, trusted contacts, consents and handover files (W8–W10). */

const STAFF = ['admin', 'caseworker', 'clinician'] as const;
const id = z.string().min(1).max(64);
const filePath = z.string().min(1).max(4096);
/** A file the user picked: a path on this computer (app, CLI) or its bytes (browser upload). */
const fileSource = z.union([z.object({ path: filePath }).strict(), z.object({ contentBase64: z.string().min(1) }).strict()]);
const cardText = z.string().min(1).max(16 * 1024);

export const identityCalls = {
  /** My identity card, fingerprint, safety code and QR code; the keys are made at first use. */
  'identity.get': defineCall({ input: z.object({}).strict(), output: ownIdentitySchema, access: STAFF, mutates: true, client: 'none' }),
};

export const trustedContactsCalls = {
  'trustedContacts.list': defineCall({ input: z.object({}).strict(), output: z.array(contactSchema), access: STAFF, mutates: false, client: 'none' }),
  /** What a card says before it is pinned: name, organisation, fingerprint and the safety code to compare. */
  'trustedContacts.inspectCard': defineCall({
    input: z.object({ cardText }).strict(),
    output: z.object({ card: identityCardSchema, safetyCode: safetyCodeSchema, existingContactId: z.string().nullable() }),
    access: STAFF,
    mutates: false,
    client: 'none',
  }),
  /** Pins a card; with `verifiedCode` it must match the card's safety code and the contact is verified at once. */
  'trustedContacts.add': defineCall({
    input: z.object({ cardText, verifiedCode: safetyCodeInputSchema.optional(), replaceContactId: id.optional() }).strict(),
    output: contactSchema,
    access: STAFF,
    mutates: true,
    client: 'none',
  }),
  'trustedContacts.verify': defineCall({ input: z.object({ id, safetyCode: safetyCodeInputSchema }).strict(), output: contactSchema, access: STAFF, mutates: true, client: 'none' }),
  'trustedContacts.remove': defineCall({ input: z.object({ id }).strict(), output: z.object({}), access: STAFF, mutates: true, client: 'none' }),
};

export const consentCalls = {
  'consent.list': defineCall({ input: z.object({ clientId: id }).strict(), output: z.array(consentSchema), access: STAFF, mutates: false, client: { access: 'read', from: 'clientId' } }),
  'consent.add': defineCall({ input: z.object({ clientId: id, consent: consentFieldsSchema }).strict(), output: consentSchema, access: STAFF, mutates: true, client: { access: 'write', from: 'clientId' } }),
  'consent.withdraw': defineCall({ input: z.object({ id, withdrawnOn: z.iso.date() }).strict(), output: consentSchema, access: STAFF, mutates: true, client: { access: 'write', from: 'id', via: 'consent' } }),
  /** A printable receipt of one consent for the client (PDF built on the Node side), in the client's language unless chosen. */
  'consent.receiptPdf': defineCall({ input: z.object({ id, language: clientLanguageSchema.optional() }).strict(), output: printedPdfSchema, access: STAFF, mutates: false, client: { access: 'read', from: 'id', via: 'consent' } }),
};

const exportRequest = z
  .object({
    clientId: id,
    recipientIds: z.array(id).max(9).default([]),
    passphraseFor: z.object({ organisation: z.string().trim().min(1).max(200), label: z.string().trim().min(1).max(200) }).strict().nullable().default(null),
    sections: z.array(handoverSectionSchema).min(1),
    custody: z.boolean().default(false),
    /** Add the human-readable case summary (payload/summary.pdf); opt-in because rendering it takes about a second. */
    includeSummaryPdf: z.boolean().default(false),
  })
  .strict();

export const handoverCalls = {
  /** What the file would contain, after the consent gate (refusal = the same error the export would give). */
  'handover.preview': defineCall({
    input: exportRequest,
    output: z.object({
      organisations: z.array(z.string()),
      recipients: z.array(z.string()),
      sections: z.array(handoverSectionSchema),
      counts: z.record(z.string(), z.number()),
      attachments: z.array(z.object({ fileName: z.string(), mediaType: z.string(), size: z.number() })),
      totalBytes: z.number(),
      custody: z.boolean(),
      summaryPdf: z.boolean(),
    }),
    access: STAFF,
    mutates: false,
    client: { access: 'read', from: 'clientId' },
  }),
  'handover.export': defineCall({
    input: exportRequest.extend({ folder: filePath }).strict(),
    output: z.object({ bundleId: z.string(), filePath: z.string(), fileSha256: z.string(), passphrase: z.string().nullable(), revision: z.number() }),
    access: STAFF,
    mutates: true,
    client: { access: 'read', from: 'clientId' },
  }),
  /** Where files are saved unless the user types another folder: the user's Downloads, else a folder in the data directory. */
  'handover.defaultFolder': defineCall({ input: z.object({}).strict(), output: z.object({ folder: z.string() }), access: STAFF, mutates: false, client: 'none' }),
  'handover.exports': defineCall({ input: z.object({ clientId: id.nullable().default(null) }).strict(), output: z.array(handoverExportSchema), access: STAFF, mutates: false, client: { access: 'read', from: 'clientId', optional: true } }),
  /** Decrypts and checks a handover file and says what it contains; writes nothing. */
  'handover.inspect': defineCall({
    input: z.object({ source: fileSource, passphrase: z.string().max(500).optional() }).strict(),
    output: bundleInspectionSchema,
    access: STAFF,
    mutates: false,
    client: 'none',
  }),
  'handover.import': defineCall({
    input: z
      .object({
        source: fileSource,
        passphrase: z.string().max(500).optional(),
        mode: z.enum(['new', 'into']).default('new'),
        intoClientId: id.optional(),
        confirmWarnings: z.boolean().default(false),
        receiptPath: filePath,
      })
      .strict(),
    output: z.object({ clientId: z.string(), receiptPath: z.string(), bundleId: z.string(), code: z.string(), senderTrust: z.string() }),
    access: STAFF,
    mutates: true,
    client: { access: 'write', from: 'intoClientId', optional: true },
  }),
  'handover.importReceipt': defineCall({
    input: z.object({ source: fileSource }).strict(),
    output: z.object({ bundleId: z.string(), clientId: z.string(), status: z.string(), receiptId: z.string() }),
    access: STAFF,
    mutates: true,
    client: 'none',
  }),
};

export { fingerprintSchema };
