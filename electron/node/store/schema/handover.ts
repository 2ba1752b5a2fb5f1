import { sqliteTable, text, integer, index, uniqueIndex, blob } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { users } from './core';
import { clients } from './clients';
import { ATTACHMENT_KINDS } from '../../../../shared/schemas/attachment';

/**
 * Identities, trusted contacts, consents and the handover ledger (W8–W10, HANDOVER.md).
 * Private keys live only here, inside the encrypted database.
 */

/** One identity per user: Ed25519 signing key, age X25519 and hybrid identities, and the self-signed card. */
export const identityKeys = sqliteTable('identity_keys', {
  userId: text('user_id').primaryKey().references(() => users.id),
  fingerprint: text('fingerprint').notNull().unique(),
  signingSecretKey: text('signing_secret_key').notNull(),
  ageX25519Identity: text('age_x25519_identity').notNull(),
  ageHybridIdentity: text('age_hybrid_identity').notNull(),
  /** The card's canonical JSON and its minisign signature, exactly as sent. */
  cardJson: text('card_json').notNull(),
  cardSignature: text('card_signature').notNull(),
  createdAt: text('created_at').notNull(),
});

/** The address book of pinned identity cards; removed contacts keep their row for the audit trail. */
export const trustedContacts = sqliteTable(
  'trusted_contacts',
  {
    id: text('id').primaryKey(),
    fingerprint: text('fingerprint').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    organisation: text('organisation').notNull(),
    cardJson: text('card_json').notNull(),
    cardSignature: text('card_signature').notNull(),
    verification: text('verification', { enum: ['unverified', 'safetyCode', 'firstContactPassphrase'] }).notNull(),
    verifiedAt: text('verified_at'),
    verifiedBy: text('verified_by').references(() => users.id),
    addedAt: text('added_at').notNull(),
    addedBy: text('added_by').notNull().references(() => users.id),
    removedAt: text('removed_at'),
  },
  (t) => [uniqueIndex('trusted_contacts_active_fp_idx').on(t.fingerprint).where(sql`removed_at IS NULL`)],
);

/** W10: consent to processing, to sharing with a pinned contact (and which sections), to evaluation use. */
export const consents = sqliteTable(
  'consents',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id').notNull().references(() => clients.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['processing', 'sharing', 'evaluation'] }).notNull(),
    /** Sharing: the contact's organisation as pinned (display), or the organisation typed for a first contact. */
    organisation: text('organisation'),
    /** Sharing: how the recipient is named (shared/schemas/consent.ts `consentBindingSchema`); null for other kinds. */
    binding: text('binding', { enum: ['contact', 'typed', 'needsReview'] }),
    /** Sharing bound to a pinned contact: the card's fingerprint, which the export gate matches. */
    contactFingerprint: text('contact_fingerprint'),
    /** JSON array of handover sections the sharing consent covers. */
    sections: text('sections').notNull().default('[]'),
    givenOn: text('given_on').notNull(),
    expiresOn: text('expires_on'),
    withdrawnOn: text('withdrawn_on'),
    note: text('note').notNull().default(''),
    /** Optional scan of the signed form (client_attachments.id). */
    scanAttachmentId: text('scan_attachment_id'),
    recordedBy: text('recorded_by').notNull().references(() => users.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('consents_client_idx').on(t.clientId, t.kind)],
);

/** Files attached to a client's case (consent scans, documents); they travel as `payload/att/<sha256>`. */
export const clientAttachments = sqliteTable(
  'client_attachments',
  {
    id: text('id').primaryKey(),
    clientId: text('client_id').notNull().references(() => clients.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    /** What the document is (shared/schemas/attachment.ts); rows from before kinds existed are 'other'. */
    kind: text('kind', { enum: ATTACHMENT_KINDS }).notNull().default('other'),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    description: text('description'),
    data: blob('data', { mode: 'buffer' }).notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull().references(() => users.id),
  },
  (t) => [index('client_attachments_client_idx').on(t.clientId)],
);

/** Every handover file made here (W8): who, when, to whom, the file's hash; and the receipt that came back. */
export const handoverExports = sqliteTable(
  'handover_exports',
  {
    bundleId: text('bundle_id').primaryKey(),
    clientId: text('client_id').notNull().references(() => clients.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull().references(() => users.id),
    /** JSON: [{fingerprint, label}] of the addressees ([] for a passphrase). */
    recipients: text('recipients').notNull(),
    organisation: text('organisation').notNull(),
    sections: text('sections').notNull(),
    custody: integer('custody', { mode: 'boolean' }).notNull(),
    byPassphrase: integer('by_passphrase', { mode: 'boolean' }).notNull(),
    revision: integer('revision').notNull(),
    manifestSha256: text('manifest_sha256').notNull(),
    fileSha256: text('file_sha256').notNull(),
    receiptId: text('receipt_id'),
    receiptStatus: text('receipt_status', { enum: ['pending', 'imported', 'duplicate', 'rejected'] }).notNull().default('pending'),
    receiptReceivedAt: text('receipt_received_at'),
    receiptSignerFingerprint: text('receipt_signer_fingerprint'),
    /** Passphrase exports: the key a genuine receipt's proof is made with (derived from the passphrase, which is not kept). */
    passphraseReceiptKey: text('passphrase_receipt_key'),
  },
  (t) => [index('handover_exports_client_idx').on(t.clientId, t.createdAt), index('handover_exports_pending_idx').on(t.receiptStatus, t.createdAt)],
);

/** The replay ledger (import step 8) and the receipts written, so that a receipt can be saved again. */
export const handoverImports = sqliteTable(
  'handover_imports',
  {
    bundleId: text('bundle_id').primaryKey(),
    manifestSha256: text('manifest_sha256').notNull(),
    senderFingerprint: text('sender_fingerprint').notNull(),
    caseId: text('case_id').notNull(),
    revision: integer('revision').notNull(),
    clientId: text('client_id').references(() => clients.id, { onDelete: 'set null' }),
    custody: integer('custody', { mode: 'boolean' }).notNull(),
    importedAt: text('imported_at').notNull(),
    importedBy: text('imported_by').notNull().references(() => users.id),
    receipt: blob('receipt', { mode: 'buffer' }).notNull(),
  },
  (t) => [index('handover_imports_case_idx').on(t.caseId, t.revision)],
);
