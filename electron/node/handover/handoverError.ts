import { apiError, type ApiError } from '../../../shared/api';
import { handover } from '../../../shared/i18n/locales/handover';

/**
 * Every way a handover file, receipt or identity card can be refused. The English sentence the API and the CLI
 * report is the English translation of `errors.handover.<kind>` (shared/i18n/locales/handover.ts): one text, in
 * one place, for both the backend and the screens.
 */
const { consent: _consentReasons, cardReasons: _cardReasons, ...HANDOVER_ERROR_MESSAGES } = handover.en.errors.handover;
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

export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => String(params[key] ?? ''));
}
