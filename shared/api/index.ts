import type { AnyCallDefinition, CallInput, CallOutput } from './contract';
import { sessionCalls } from './calls/session';
import { usersCalls } from './calls/users';
import { auditCalls } from './calls/audit';
import { draftsCalls } from './calls/drafts';
import { assessmentsCalls } from './calls/assessments';
import { clientsCalls, referenceCalls } from './calls/clients';
import { planCalls } from './calls/plan';
import { contactLogCalls } from './calls/contacts';
import { followUpCalls } from './calls/followUp';
import { directoryCalls } from './calls/directory';
import { referralsCalls } from './calls/referrals';
import { printCalls } from './calls/print';
import { reportsCalls } from './calls/reports';
import { consentCalls, handoverCalls, identityCalls, trustedContactsCalls } from './calls/handover';
import { retentionCalls } from './calls/retention';
import { backupCalls } from './calls/backup';
import { careTeamCalls } from './calls/careTeam';
import { attachmentsCalls } from './calls/attachments';
import { clientImportCalls } from './calls/clientImport';

/**
 * The whole API between the UI and the Node side. Each area declares its calls in `calls/<area>.ts`;
 * add the group here. Both transports (IPC, loopback bridge) dispatch by these names.
 */
export const apiContract = {
  ...sessionCalls,
  ...usersCalls,
  ...auditCalls,
  ...draftsCalls,
  ...assessmentsCalls,
  ...clientsCalls,
  ...referenceCalls,
  ...planCalls,
  ...contactLogCalls,
  ...followUpCalls,
  ...directoryCalls,
  ...referralsCalls,
  ...printCalls,
  ...identityCalls,
  ...trustedContactsCalls,
  ...consentCalls,
  ...handoverCalls,
  ...retentionCalls,
  ...reportsCalls,
  ...backupCalls,
  ...careTeamCalls,
  ...attachmentsCalls,
  ...clientImportCalls,
} satisfies Record<string, AnyCallDefinition>;

export type ApiContract = typeof apiContract;
export type CallName = keyof ApiContract;
export type InputOf<N extends CallName> = CallInput<ApiContract[N]>;
export type OutputOf<N extends CallName> = CallOutput<ApiContract[N]>;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(apiContract, name);
}

export * from './contract';
