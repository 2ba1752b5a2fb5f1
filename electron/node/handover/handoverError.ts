import { apiError, type ApiError } from '../../../shared/api';

/**
 * Every way a handover file, receipt or identity card can be refused. Each kind has an English sentence here and
 * a translation under `errors.handover.<kind>` (shared/i18n/locales/handover.ts).
 */
export const HANDOVER_ERROR_MESSAGES = {
  tooLarge: 'The file is larger than a handover file can be ({{limit}}).',
  notHandoverFile: 'This is not a Throughcare handover file (it is not an age-encrypted file).',
  headerInvalid: 'The encryption header of the file is malformed; the file is damaged or was altered.',
  tooManyRecipients: 'The file is addressed to more recipients than allowed ({{limit}}); it was not made by Throughcare.',
  scryptTooHard: 'The passphrase protection asks for more work than allowed (2^{{logN}}); refused so that opening it cannot freeze the computer.',
  scryptMixed: 'The file mixes passphrase protection with recipient keys, which the format forbids.',
  stanzasMixed: 'The file mixes post-quantum and classic recipients, which the format forbids.',
  notAddressedToYou: 'This handover file is not addressed to you: none of your keys opens it.',
  passphraseNeeded: 'This handover file is protected by a first-contact passphrase. Enter the passphrase you received by phone.',
  passphraseWrong: 'The passphrase does not open this handover file. Check it with the sender.',
  damaged: 'The file is damaged or was altered after it was made (the encryption check failed). Ask the sender for a new copy.',
  incomplete: 'The file is incomplete (cut short, e.g. the USB stick was removed while copying). Copy it again from the sender.',
  zipInvalid: 'The content of the file is not a valid archive: {{detail}}.',
  entryCompressed: 'The archive entry "{{name}}" is compressed; handover archives store entries uncompressed.',
  entryNameInvalid: 'The archive contains an entry with a forbidden name ("{{name}}"): paths with "..", absolute paths, backslashes or drive letters are refused.',
  entryDuplicate: 'The archive contains the entry "{{name}}" twice (or in two letter cases).',
  entryOverlap: 'Archive entries overlap each other; the archive was crafted, not made by Throughcare.',
  oversize: 'Part of the file is too large: {{what}}.',
  entryUnexpected: 'The archive contains "{{name}}", which the signed manifest does not list.',
  entryMissing: 'The archive lacks "{{name}}", which the signed manifest lists.',
  signatureMissing: 'The handover file carries no signature; it cannot be trusted and was not imported.',
  signerUnknown: 'The handover file is signed by a key that is not among your contacts. Add and verify the sender\'s card first.',
  signatureInvalid: 'The signature of "{{name}}" does not verify: the file was changed after it was signed.',
  signatureLegacy: 'The signature uses the legacy minisign algorithm, which the format refuses.',
  trustedCommentMismatch: 'The signed comment of "{{name}}" does not match its content.',
  jsonMalformed: '"{{name}}" is not well-formed: {{detail}}.',
  wrongType: '"{{name}}" is a {{actual}}, not a {{expected}}.',
  schemaInvalid: '"{{name}}" does not follow the format: {{detail}}.',
  notIntendedRecipient: 'You are not among the intended recipients of this handover: it was re-encrypted by someone else after it was sent.',
  ownBundle: 'This handover file was made on this installation; it cannot be imported here.',
  alreadyImported: 'This handover was already imported (on {{date}}). Nothing was imported again; the receipt can be saved again.',
  bundleIdConflict: 'Alarm: a handover with the same id but different content was imported before. This file was refused.',
  olderRevision: 'This handover holds revision {{revision}} of the case, older than revision {{current}} already here; it was not imported.',
  fileHashMismatch: 'The file "{{name}}" inside the handover does not match its signed checksum: it was changed after signing.',
  mediaTypeMismatch: 'The attachment "{{name}}" does not contain what it claims to be ({{mediaType}}).',
  payloadTooNew: 'This handover was made by a newer version of Throughcare (case format {{version}}). Update the app to import it.',
  needsConfirmation: 'The handover needs your explicit confirmation: {{warnings}}.',
  cardInvalid: 'This is not a valid identity card: {{detail}}.',
  cardExpired: 'This identity card expired on {{date}}.',
  safetyCodeMismatch: 'The safety code does not match this card. Do not trust it: compare the code with its owner again.',
  receiptUnknown: 'This receipt does not belong to any handover sent from here. Nothing was changed.',
  receiptForged: 'This receipt is not signed by the contact the handover was sent to. Nothing was changed.',
  receiptReplayed: 'This receipt was already imported (on {{date}}). Nothing was changed.',
  noRecipients: 'Choose at least one recipient (a verified contact) or a first-contact passphrase.',
  recipientUnverified: 'The contact "{{name}}" is not verified yet. Compare the safety code first.',
} as const;
export type HandoverErrorKind = keyof typeof HANDOVER_ERROR_MESSAGES;

/** A refusal with a specific, human-readable reason; nothing has been written when it is thrown. */
export class HandoverError extends Error {
  constructor(
    readonly kind: HandoverErrorKind,
    readonly params: Record<string, string | number> = {},
  ) {
    super(interpolate(HANDOVER_ERROR_MESSAGES[kind], params));
    this.name = 'HandoverError';
  }

  toApiError(): ApiError {
    return apiError('REFUSED', this.message, `errors.handover.${this.kind}`, this.params);
  }
}

function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => String(params[key] ?? ''));
}
