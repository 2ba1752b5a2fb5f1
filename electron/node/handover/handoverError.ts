import { apiError, type ApiError } from '../../../shared/api';
import { handover } from '../../../shared/i18n/locales/handover';
import { displaySafe } from '../../../shared/handover/displaySafe';

/**
 * Every way a handover file, receipt or identity card can be refused. The English sentence the API and the CLI
 * report is the English translation of `errors.handover.<kind>` (shared/i18n/locales/handover.ts): one text, in
 * one place, for both the backend and the screens.
 */
const { consent: _consentReasons, cardReasons: _cardReasons, ...HANDOVER_ERROR_MESSAGES } = handover.en.errors.handover;
export type HandoverErrorKind = keyof typeof HANDOVER_ERROR_MESSAGES;

/** A refusal with a specific, human-readable reason; nothing has been written when it is thrown. */
export class HandoverError extends Error {
  readonly params: Record<string, string | number>;

  /** Parameters often quote the file (entry names): neutralised once here, for the CLI and the screens alike. */
  constructor(
    readonly kind: HandoverErrorKind,
    params: Record<string, string | number> = {},
  ) {
    const safe = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? displaySafe(v) : v]));
    super(interpolate(HANDOVER_ERROR_MESSAGES[kind], safe));
    this.params = safe;
    this.name = 'HandoverError';
  }

  toApiError(): ApiError {
    return apiError('REFUSED', this.message, `errors.handover.${this.kind}`, this.params);
  }
}

export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => String(params[key] ?? ''));
}
