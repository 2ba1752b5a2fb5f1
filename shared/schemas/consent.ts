import { z } from 'zod';
import { handoverSectionSchema, HANDOVER_SECTIONS, type HandoverSection } from './handover';

/**
 * W10: consent records per client. A sharing consent names a pinned trusted contact (matched by the card's
 * fingerprint, never by a name), or, for a first-contact passphrase handover only, a typed organisation (unverified).
 */
export const consentKindSchema = z.enum(['processing', 'sharing', 'evaluation']);
export type ConsentKind = z.infer<typeof consentKindSchema>;

const isoDate = z.iso.date();

export const consentFieldsSchema = z
  .object({
    kind: consentKindSchema,
    /** For `sharing`: the pinned trusted contact the client allows the case to go to, picked from the address book. */
    contactId: z.string().min(1).max(64).nullable().default(null),
    /** For `sharing` with a first contact only (passphrase handover): the organisation as typed; marked unverified. */
    organisation: z.string().trim().max(200).nullable().default(null),
    sections: z.array(handoverSectionSchema).default([]),
    givenOn: isoDate,
    expiresOn: isoDate.nullable().default(null),
    note: z.string().trim().max(5000).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === 'sharing' && !v.contactId && !v.organisation) ctx.addIssue({ code: 'custom', path: ['contactId'], message: 'Choose the trusted contact the client agrees to share with.', params: { i18n: 'handover:validation.consentContactRequired' } });
    if (v.kind === 'sharing' && v.contactId && v.organisation) ctx.addIssue({ code: 'custom', path: ['organisation'], message: 'Choose a trusted contact or type a first-contact organisation, not both.', params: { i18n: 'handover:validation.consentContactOrOrganisation' } });
    if (v.kind === 'sharing' && v.sections.length === 0) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'Choose at least one section.', params: { i18n: 'handover:validation.consentSectionsRequired' } });
    if (v.expiresOn && v.expiresOn < v.givenOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'The consent cannot expire before it was given.', params: { i18n: 'handover:validation.consentExpiresBeforeGiven' } });
  });
export type ConsentFields = z.input<typeof consentFieldsSchema>;

export const consentStatusSchema = z.enum(['active', 'notYetValid', 'expired', 'withdrawn']);
export type ConsentStatus = z.infer<typeof consentStatusSchema>;

/**
 * How a sharing consent names its recipient: `contact` = a pinned card (by fingerprint); `typed` = an organisation
 * typed for a first-contact passphrase handover (unverified); `needsReview` = a typed consent from before consents
 * were bound, or one that came in a handover, that matched no contact: it allows only a passphrase handover to
 * that organisation until someone records a consent for the right contact.
 */
export const consentBindingSchema = z.enum(['contact', 'typed', 'needsReview']);
export type ConsentBinding = z.infer<typeof consentBindingSchema>;

export const consentSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  kind: consentKindSchema,
  organisation: z.string().nullable(),
  /** Sharing consents only; null for the other kinds. */
  binding: consentBindingSchema.nullable(),
  contactFingerprint: z.string().nullable(),
  /** The contact's name as pinned (also after the contact was removed); null when not bound to a contact. */
  contactName: z.string().nullable(),
  sections: z.array(handoverSectionSchema),
  givenOn: z.string(),
  expiresOn: z.string().nullable(),
  withdrawnOn: z.string().nullable(),
  note: z.string(),
  status: consentStatusSchema,
  recordedByName: z.string().nullable(),
  createdAt: z.string(),
  /** The attachment holding the scan of the signed form, if one was linked. */
  scanAttachmentId: z.string().nullable(),
});
export type Consent = z.infer<typeof consentSchema>;

/** The state of a consent on a given day (YYYY-MM-DD): one rule for the gate, the list and the printout. */
export function consentStatusOn(c: { givenOn: string; expiresOn: string | null; withdrawnOn: string | null }, today: string): ConsentStatus {
  // A withdrawal is recorded when it happens (never ahead), so it stops the next export at once, whatever the clock.
  if (c.withdrawnOn) return 'withdrawn';
  if (c.givenOn > today) return 'notYetValid';
  if (c.expiresOn && c.expiresOn < today) return 'expired';
  return 'active';
}

/**
 * The key two organisation names must share to be "the same organisation": case, diacritics, punctuation and spacing
 * do not count ("Drop In, o. p. s." = "drop in o.p.s."). Used to bind typed consents to pinned contacts.
 */
export function organisationKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('cs').replace(/[^\p{L}\p{N}]/gu, '');
}

/** Organisation names compare by their key (see `organisationKey`). */
export function sameOrganisation(a: string, b: string): boolean {
  const ka = organisationKey(a);
  return ka !== '' && ka === organisationKey(b);
}

/** Who a handover goes to, for the consent gate: a pinned contact (by fingerprint) or a first contact by passphrase. */
export type SharingRecipient = { kind: 'contact'; fingerprint: string } | { kind: 'passphrase'; organisation: string };

type GateConsent = { kind: ConsentKind; organisation: string | null; contactFingerprint: string | null; sections: HandoverSection[]; givenOn: string; expiresOn: string | null; withdrawnOn: string | null };

/** Does this consent name this recipient? Contacts by their card's fingerprint; a passphrase by the typed organisation. */
export function consentNames(c: GateConsent, recipient: SharingRecipient): boolean {
  if (c.kind !== 'sharing') return false;
  if (recipient.kind === 'contact') return c.contactFingerprint === recipient.fingerprint;
  return c.contactFingerprint === null && c.organisation !== null && sameOrganisation(c.organisation, recipient.organisation);
}

export type ConsentGateResult =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'expired' | 'withdrawn' | 'notYetValid' }
  | { ok: false; reason: 'sectionsNotCovered'; missing: HandoverSection[] };

/**
 * May the case go to this recipient with these sections today? Active sharing consents naming the recipient
 * together must cover every section; otherwise the most telling reason (withdrawn, expired, …) is returned.
 */
export function checkSharingConsent(consents: GateConsent[], recipient: SharingRecipient, sections: readonly HandoverSection[], today: string): ConsentGateResult {
  const forRecipient = consents.filter((c) => consentNames(c, recipient));
  const active = forRecipient.filter((c) => consentStatusOn(c, today) === 'active');
  if (active.length === 0) {
    const statuses = forRecipient.map((c) => consentStatusOn(c, today));
    for (const reason of ['withdrawn', 'expired', 'notYetValid'] as const) if (statuses.includes(reason)) return { ok: false, reason };
    return { ok: false, reason: 'missing' };
  }
  const covered = new Set(active.flatMap((c) => c.sections));
  const missing = sections.filter((s) => !covered.has(s));
  return missing.length ? { ok: false, reason: 'sectionsNotCovered', missing } : { ok: true };
}

export const ALL_SECTIONS = HANDOVER_SECTIONS;
