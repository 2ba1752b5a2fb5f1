import { z } from 'zod';
import { HANDOVER_SECTION_VALUES } from './enumValues';
import { fingerprintSchema, identityCardSchema } from './identity';
import { clientCodeSchema, clientLanguageSchema, clientStatusSchema, sexSchema } from './client';
import { attachmentKindSchema } from './attachment';
import { INFECTIOUS_DISEASES, OAT_MEDICATIONS, PLAN_DOMAINS, RESPONSIBLE_KINDS, TEST_RESULTS, checklistItemKeySchema, serviceKindSchema } from './plan';
import { FOLLOW_UP_MILESTONES, employmentOutcomeSchema, housingOutcomeSchema, overdoseOutcomeSchema, rearrestOutcomeSchema, substanceUseOutcomeSchema, treatmentOutcomeSchema } from './followUp';

/**
 * The handover file, format v1 (HANDOVER.md): the signed manifest, the signed receipt and the case payload
 * (`payload/case.json`). Only strings, integers and booleans in signed objects: no floats, no nulls.
 */

export const HANDOVER_FORMAT_VERSION = 1;
export const MANIFEST_TYPE = 'throughcare/manifest';
export const RECEIPT_TYPE = 'throughcare/receipt';
export const CASE_TYPE = 'throughcare/case';
/** Major version of the case payload; a newer major is refused ("update the app"), an older one migrated. */
export const CASE_SCHEMA_VERSION = 1;

/**
 * Parts of a case a handover (and a sharing consent) can include. `record` (the client's identity, release window,
 * custody and consents) is always needed to import a case; `health` is the clinical part (screenings, OAT,
 * infectious-disease tests, overdose history) that a consent may leave out.
 */
export const HANDOVER_SECTIONS = HANDOVER_SECTION_VALUES;
export const handoverSectionSchema = z.enum(HANDOVER_SECTIONS);
export type HandoverSection = z.infer<typeof handoverSectionSchema>;

const isoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
const safeInt = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const shortText = z.string().max(500);
const ageRecipient = z.string().regex(/^age1(pq1)?[02-9ac-hj-np-z]{58,3000}$/);

/** Entry names inside the ZIP (step 4 of the import pipeline): never used as file paths. */
export const ZIP_ENTRY_PATTERN = /^(payload|identity)\/[a-z0-9._/-]+$/;

export const manifestRecipientSchema = z.discriminatedUnion('kind', [
  /** An addressee, by their pinned card. */
  z.object({ kind: z.literal('age'), publicKey: ageRecipient, fingerprint: fingerprintSchema, label: shortText }).strict(),
  /** The sender's own archive key, so that the sender can reopen what was sent. */
  z.object({ kind: z.literal('archive'), publicKey: ageRecipient, fingerprint: fingerprintSchema, label: shortText }).strict(),
  /**
   * A first contact: whoever holds the generated passphrase, at the organisation it was made for. `commitment` binds
   * the passphrase (a re-encryption under another one is recognised). Optional only so that a bundle made before the
   * binding existed is refused with its own message rather than a schema error.
   */
  z
    .object({ kind: z.literal('passphrase'), publicKey: z.literal('scrypt'), fingerprint: z.literal(''), label: shortText, organisation: z.string().min(1).max(200).optional(), commitment: sha256Hex.optional() })
    .strict(),
]);
export type ManifestRecipient = z.infer<typeof manifestRecipientSchema>;

/** The fixed top-level names besides `payload/` and `identity/`. */
export const BUNDLE_README = 'README.txt';
export const manifestFileSchema = z
  .object({ path: z.union([z.string().regex(ZIP_ENTRY_PATTERN).max(200), z.literal(BUNDLE_README)]), size: safeInt, sha256: sha256Hex, mediaType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/).max(100) })
  .strict();
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const manifestSchema = z
  .object({
    type: z.literal(MANIFEST_TYPE),
    formatVersion: z.literal(HANDOVER_FORMAT_VERSION),
    bundleId: uuid,
    createdAt: isoTime,
    notAfter: isoTime,
    sender: z.object({ fingerprint: fingerprintSchema, name: shortText, organisation: shortText }).strict(),
    recipients: z.array(manifestRecipientSchema).min(1).max(11),
    subject: z.object({ caseId: uuid, revision: safeInt, supersedes: z.union([uuid, z.literal('')]) }).strict(),
    custody: z.boolean(),
    content: z.object({ schema: z.literal(CASE_TYPE), version: safeInt }).strict(),
    files: z.array(manifestFileSchema).min(1).max(498),
    receipt: z.object({ requested: z.boolean(), recipient: ageRecipient }).strict(),
    producer: z.object({ app: z.literal('Throughcare'), version: z.string().max(40) }).strict(),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;

export const receiptStatusSchema = z.enum(['imported', 'duplicate', 'rejected']);
export const receiptSchema = z
  .object({
    type: z.literal(RECEIPT_TYPE),
    formatVersion: z.literal(HANDOVER_FORMAT_VERSION),
    receiptId: uuid,
    bundleId: uuid,
    manifestSha256: sha256Hex,
    senderFingerprint: fingerprintSchema,
    recipientFingerprint: fingerprintSchema,
    status: receiptStatusSchema,
    reason: shortText,
    createdAt: isoTime,
    /** For a passphrase bundle: the MAC that only whoever opened it with the passphrase can make (passphraseBinding.ts). */
    passphraseProof: sha256Hex.optional(),
  })
  .strict();
export type Receipt = z.infer<typeof receiptSchema>;

// ---- The case payload (payload/case.json): SPEC W3–W7 plus the W10 consents, in sections. ----

const text = z.string().max(100_000);
const nullableText = text.nullable();
const needRating = z.number().int().min(0).max(3).nullable();

export const consentPayloadSchema = z
  .object({
    kind: z.enum(['processing', 'sharing', 'evaluation']),
    organisation: z.string().max(200).nullable(),
    sections: z.array(handoverSectionSchema).max(HANDOVER_SECTIONS.length),
    givenOn: isoDate,
    expiresOn: isoDate.nullable(),
    withdrawnOn: isoDate.nullable(),
    note: z.string().max(5000),
  })
  .strict();

/** W3 client record, by value (prison and region by name: the receiving installation has its own lists). */
export const clientRecordPayloadSchema = z
  .object({
    code: clientCodeSchema,
    firstName: z.string().min(1).max(100),
    lastName: z.string().min(1).max(100),
    dateOfBirth: isoDate,
    sex: sexSchema,
    nationality: z.string().max(60),
    preferredLanguage: clientLanguageSchema,
    prisonName: z.string().max(200).nullable(),
    sentenceStart: isoDate.nullable(),
    earliestRelease: isoDate.nullable(),
    latestRelease: isoDate.nullable(),
    actualRelease: isoDate.nullable(),
    regionName: z.string().max(200).nullable(),
    municipality: z.string().max(100),
    status: clientStatusSchema,
    notes: z.string().max(5000),
    assignedWorkerName: z.string().max(200).nullable(),
  })
  .strict();
export type ClientRecordPayload = z.infer<typeof clientRecordPayloadSchema>;

const changedBy = { createdAt: isoTime, createdByName: z.string().max(200) };

/** W3 assessments (versioned: intake, reviews, exit, follow-up), each life domain with its need rating. */
export const assessmentPayloadSchema = z
  .object({
    kind: z.string().max(40),
    assessedOn: isoDate,
    authorName: z.string().max(200),
    /** The assessment's sections as its own schema defines them (shared/schemas/assessment.ts). */
    sections: z.record(z.string().max(60), z.unknown()),
    needRatings: z.record(z.string().max(60), needRating),
  })
  .strict();

const serviceEntrySchema = z
  .object({
    kind: serviceKindSchema,
    deliveredOn: isoDate,
    oatMedication: z.enum(OAT_MEDICATIONS).nullable(),
    oatDose: z.string().max(200).nullable(),
    prescriber: z.string().max(200).nullable(),
    disease: z.enum(INFECTIOUS_DISEASES).nullable(),
    testResult: z.enum(TEST_RESULTS).nullable(),
    programme: z.string().max(200).nullable(),
    attended: z.boolean().nullable(),
    note: z.string().max(10_000).nullable(),
    ...changedBy,
  })
  .strict();
/** Services-log kinds that are health data: they travel only in the `health` section. */
export const HEALTH_SERVICE_KINDS: readonly string[] = ['oatDose', 'infectiousTest', 'infectiousTreatment'];

/** W4 screenings and the clinical services (OAT, infectious-disease tests and treatment): only with `health`. */
export const healthPayloadSchema = z
  .object({
    screenings: z.array(
      z
        .object({
          instrument: z.string().max(40),
          administeredOn: isoDate,
          authorName: z.string().max(200),
          answers: z.array(z.number().int().min(0).max(10)),
          total: z.number().int().min(0),
          zone: z.string().max(60),
          /** e.g. LOINC 75624-7 for the AUDIT total. */
          loinc: z.string().max(20).nullable(),
        })
        .strict(),
    ),
    services: z.array(serviceEntrySchema),
  })
  .strict();

export const planPayloadSchema = z
  .object({
    goals: z.array(
      z
        .object({
          domain: z.enum(PLAN_DOMAINS),
          title: z.string().max(500),
          status: z.enum(['open', 'achieved']),
          tasks: z.array(
            z
              .object({
                title: z.string().max(500),
                dueDate: isoDate.nullable(),
                responsibleKind: z.enum(RESPONSIBLE_KINDS),
                responsibleName: z.string().max(200).nullable(),
                status: z.enum(['open', 'inProgress', 'done']),
                completedAt: isoTime.nullable(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    checklist: z.array(
      z
        .object({
          itemKey: checklistItemKeySchema,
          status: z.enum(['open', 'done', 'notApplicable']),
          note: z.string().max(5000).nullable(),
          notApplicableReason: z.string().max(5000).nullable(),
          updatedAt: isoTime,
        })
        .strict(),
    ),
    services: z.array(serviceEntrySchema),
  })
  .strict();

export const contactLogPayloadSchema = z
  .object({
    contacts: z.array(
      z
        .object({
          at: z.string().max(40),
          channel: z.enum(['prisonVisit', 'phone', 'video', 'letter', 'viaFamily', 'viaLawyer', 'outreach', 'office']),
          phase: z.enum(['custody', 'afterRelease']),
          participants: z.string().max(1000),
          notes: text,
          authorName: z.string().max(200),
          createdAt: isoTime,
        })
        .strict(),
    ),
    followUps: z.array(
      z
        .object({
          milestone: z.enum(FOLLOW_UP_MILESTONES.map((m) => m.key) as [(typeof FOLLOW_UP_MILESTONES)[number]['key'], ...(typeof FOLLOW_UP_MILESTONES)[number]['key'][]]),
          dueDate: isoDate,
          reached: z.boolean(),
          contactedOn: isoDate,
          housing: housingOutcomeSchema,
          employment: employmentOutcomeSchema,
          substanceUse: substanceUseOutcomeSchema,
          treatmentAttendance: treatmentOutcomeSchema,
          rearrest: rearrestOutcomeSchema,
          overdose: overdoseOutcomeSchema,
          note: z.string().max(10_000).nullable(),
          ...changedBy,
        })
        .strict(),
    ),
  })
  .strict();

export const referralPayloadSchema = z
  .object({
    serviceName: z.string().max(200),
    serviceType: z.string().max(60),
    region: z.string().max(200).nullable(),
    address: z.string().max(500).nullable(),
    contact: z.string().max(500).nullable(),
    reason: nullableText,
    appointmentAt: z.string().max(40).nullable(),
    status: z.enum(['proposed', 'sent', 'accepted', 'attended', 'declined']),
  })
  .strict();

/** Attachments travel as `payload/att/<sha256>`; their display names live here. */
export const attachmentPayloadSchema = z
  .object({
    sha256: sha256Hex,
    fileName: z.string().min(1).max(255),
    mediaType: z.string().max(100),
    size: z.number().int().min(0),
    description: z.string().max(1000).nullable(),
    /** What the document is (signed consent form, ID document, ...); absent in files from before kinds existed. */
    kind: attachmentKindSchema.optional(),
  })
  .strict();
export type AttachmentPayload = z.infer<typeof attachmentPayloadSchema>;

export const casePayloadSchema = z
  .object({
    type: z.literal(CASE_TYPE),
    schemaVersion: z.literal(CASE_SCHEMA_VERSION),
    caseId: uuid,
    revision: z.number().int().min(0),
    // A sane maximum: each section at most once.
    sections: z.array(handoverSectionSchema).min(1).max(HANDOVER_SECTIONS.length),
    record: clientRecordPayloadSchema.extend({ consents: z.array(consentPayloadSchema) }).strict(),
    assessments: z.array(assessmentPayloadSchema).optional(),
    health: healthPayloadSchema.optional(),
    plan: planPayloadSchema.optional(),
    contactLog: contactLogPayloadSchema.optional(),
    referrals: z.array(referralPayloadSchema).optional(),
    attachments: z.array(attachmentPayloadSchema).optional(),
  })
  .strict();
export type CasePayload = z.infer<typeof casePayloadSchema>;

// ---- What the API returns about bundles and receipts. ----

export const bundleSenderViewSchema = z.object({
  fingerprint: fingerprintSchema,
  name: z.string(),
  organisation: z.string(),
  /** How the sender is known here: a pinned, code-verified contact; pinned but unverified; or unknown (card only). */
  trust: z.enum(['verified', 'unverified', 'unknown', 'self']),
  card: identityCardSchema,
  /** The signing key as a minisign public key file's two lines, for checking by hand (compare the fingerprint with the pinned card). */
  minisignPublicKey: z.string(),
});

/** `senderCardExpired`: the signer's card had expired before the bundle was signed (HANDOVER.md "Validity"). */
export const bundleWarningSchema = z.enum(['createdInFuture', 'pastNotAfter', 'senderUnverified', 'senderCardExpired', 'olderRevision']);
export type BundleWarning = z.infer<typeof bundleWarningSchema>;

/** Everything the receiving user sees before confirming an import (W9), and what `handover verify` prints. */
export const bundleInspectionSchema = z.object({
  bundleId: z.string(),
  createdAt: z.string(),
  notAfter: z.string(),
  sender: bundleSenderViewSchema,
  recipients: z.array(z.object({ kind: z.string(), fingerprint: z.string(), label: z.string(), isMe: z.boolean() })),
  custody: z.boolean(),
  sections: z.array(handoverSectionSchema),
  files: z.array(z.object({ path: z.string(), size: z.number(), mediaType: z.string(), displayName: z.string() })),
  manifestSha256: z.string(),
  client: z.object({ code: z.string(), firstName: z.string(), lastName: z.string(), dateOfBirth: z.string() }),
  counts: z.record(z.string(), z.number()),
  alreadyImported: z.boolean(),
  possibleDuplicates: z.array(z.object({ clientId: z.string(), clientCode: z.string(), name: z.string(), reason: z.enum(['sameCode', 'sameNameAndBirthDate']) })),
  warnings: z.array(bundleWarningSchema),
});
export type BundleInspection = z.infer<typeof bundleInspectionSchema>;

export const handoverExportSchema = z.object({
  bundleId: z.string(),
  clientId: z.string(),
  createdAt: z.string(),
  createdByName: z.string(),
  recipientLabels: z.array(z.string()),
  organisation: z.string(),
  sections: z.array(handoverSectionSchema),
  custody: z.boolean(),
  byPassphrase: z.boolean(),
  fileSha256: z.string(),
  receiptStatus: z.enum(['pending', 'imported', 'duplicate', 'rejected']),
  receiptReceivedAt: z.string().nullable(),
});
export type HandoverExport = z.infer<typeof handoverExportSchema>;
