import { z } from 'zod';
import { handoverSectionSchema, HANDOVER_SECTIONS, type HandoverSection } from './handover';

/** W10: consent records per client; sharing consents are scoped to a named organisation and to sections. */
export const consentKindSchema = z.enum(['processing', 'sharing', 'evaluation']);
export type ConsentKind = z.infer<typeof consentKindSchema>;

const isoDate = z.iso.date();

export const consentFieldsSchema = z
  .object({
    kind: consentKindSchema,
    /** Required for `sharing`: the organisation the client allows the case to go to. */
    organisation: z.string().trim().max(200).nullable().default(null),
    sections: z.array(handoverSectionSchema).default([]),
    givenOn: isoDate,
    expiresOn: isoDate.nullable().default(null),
    note: z.string().trim().max(5000).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === 'sharing' && !v.organisation) ctx.addIssue({ code: 'custom', path: ['organisation'], message: 'Name the organisation the client agrees to share with.', params: { i18n: 'handover:validation.consentOrganisationRequired' } });
    if (v.kind === 'sharing' && v.sections.length === 0) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'Choose at least one section.', params: { i18n: 'handover:validation.consentSectionsRequired' } });
    if (v.expiresOn && v.expiresOn < v.givenOn) ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'The consent cannot expire before it was given.', params: { i18n: 'handover:validation.consentExpiresBeforeGiven' } });
  });
export type ConsentFields = z.input<typeof consentFieldsSchema>;

export const consentStatusSchema = z.enum(['active', 'notYetValid', 'expired', 'withdrawn']);
export type ConsentStatus = z.infer<typeof consentStatusSchema>;

export const consentSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  kind: consentKindSchema,
  organisation: z.string().nullable(),
  sections: z.array(handoverSectionSchema),
  givenOn: z.string(),
  expiresOn: z.string().nullable(),
  withdrawnOn: z.string().nullable(),
  note: z.string(),
  status: consentStatusSchema,
  recordedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type Consent = z.infer<typeof consentSchema>;

/** The state of a consent on a given day (YYYY-MM-DD): one rule for the gate, the list and the printout. */
export function consentStatusOn(c: { givenOn: string; expiresOn: string | null; withdrawnOn: string | null }, today: string): ConsentStatus {
  if (c.withdrawnOn && c.withdrawnOn <= today) return 'withdrawn';
  if (c.givenOn > today) return 'notYetValid';
  if (c.expiresOn && c.expiresOn < today) return 'expired';
  return 'active';
}

/** Organisation names compare without case, surrounding spaces and repeated spaces. */
export function sameOrganisation(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('cs');
  return norm(a) === norm(b);
}

export type ConsentGateResult =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'expired' | 'withdrawn' | 'notYetValid' }
  | { ok: false; reason: 'sectionsNotCovered'; missing: HandoverSection[] };

/**
 * May the case go to `organisation` with these sections today? Active sharing consents for the organisation
 * together must cover every section; otherwise the most telling reason (withdrawn, expired, …) is returned.
 */
export function checkSharingConsent(
  consents: { kind: ConsentKind; organisation: string | null; sections: HandoverSection[]; givenOn: string; expiresOn: string | null; withdrawnOn: string | null }[],
  organisation: string,
  sections: readonly HandoverSection[],
  today: string,
): ConsentGateResult {
  const forOrg = consents.filter((c) => c.kind === 'sharing' && c.organisation && sameOrganisation(c.organisation, organisation));
  const active = forOrg.filter((c) => consentStatusOn(c, today) === 'active');
  if (active.length === 0) {
    const statuses = forOrg.map((c) => consentStatusOn(c, today));
    for (const reason of ['withdrawn', 'expired', 'notYetValid'] as const) if (statuses.includes(reason)) return { ok: false, reason };
    return { ok: false, reason: 'missing' };
  }
  const covered = new Set(active.flatMap((c) => c.sections));
  const missing = sections.filter((s) => !covered.has(s));
  return missing.length ? { ok: false, reason: 'sectionsNotCovered', missing } : { ok: true };
}

export const ALL_SECTIONS = HANDOVER_SECTIONS;
