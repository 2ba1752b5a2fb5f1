import type { ApiContract } from '../../../../shared/api';
import type { HandlersFor } from './types';
import { sessionHandlers } from './session';
import { usersHandlers } from './users';
import { auditHandlers } from './audit';
import { draftsHandlers } from './drafts';
import { assessmentsHandlers } from './assessments';
import { clientsHandlers, referenceHandlers } from './clients';
import { planHandlers } from './plan';
import { contactLogHandlers } from './contacts';
import { followUpHandlers } from './followUp';
import { directoryHandlers } from './directory';
import { referralsHandlers } from './referrals';
import { printHandlers } from './print';
import { reportsHandlers } from './reports';
import { consentHandlers, handoverHandlers, identityHandlers, trustedContactsHandlers } from './handover';
import { retentionHandlers } from './retention';
import { backupHandlers } from './backup';
import { careTeamHandlers } from './careTeam';
import { attachmentsHandlers } from './attachments';
import { clientImportHandlers } from './clientImport';

/** The dispatch table: the type forces one handler for every call in the contract. */
export const handlers: HandlersFor<ApiContract> = {
  ...sessionHandlers,
  ...usersHandlers,
  ...auditHandlers,
  ...draftsHandlers,
  ...assessmentsHandlers,
  ...clientsHandlers,
  ...referenceHandlers,
  ...planHandlers,
  ...contactLogHandlers,
  ...followUpHandlers,
  ...directoryHandlers,
  ...referralsHandlers,
  ...printHandlers,
  ...identityHandlers,
  ...trustedContactsHandlers,
  ...consentHandlers,
  ...handoverHandlers,
  ...retentionHandlers,
  ...reportsHandlers,
  ...backupHandlers,
  ...careTeamHandlers,
  ...attachmentsHandlers,
  ...clientImportHandlers,
};
