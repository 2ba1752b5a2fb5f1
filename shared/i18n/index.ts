import { common } from './locales/common';
import { session } from './locales/session';
import { admin } from './locales/admin';
import { clients } from './locales/clients';
import { directory } from './locales/directory';
import { assessments } from './locales/assessments';
import { plan } from './locales/plan';
import { handover } from './locales/handover';
import { retention } from './locales/retention';
import { reports } from './locales/reports';
import { backup } from './locales/backup';
import { audit } from './locales/audit';
import { careTeam } from './locales/careTeam';
import { attachments } from './locales/attachments';
import { clientImport } from './locales/clientImport';

export const LANGUAGES = ['cs', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'cs';

/** Each area keeps both languages side by side in `locales/<area>.ts`; a unit test checks they have the same keys. */
export const locales = { common, session, admin, clients, directory, assessments, plan, handover, reports, backup, retention, attachments, careTeam, audit, clientImport };
export type Namespace = keyof typeof locales;

export function resourcesFor(lang: Language): Record<Namespace, unknown> {
  return Object.fromEntries(Object.entries(locales).map(([ns, pair]) => [ns, pair[lang]])) as Record<Namespace, unknown>;
}
