import type { ApiContract } from '../../../../shared/api';
import type { HandlersFor } from './types';
import { sessionHandlers } from './session';
import { usersHandlers } from './users';
import { auditHandlers } from './audit';
import { draftsHandlers } from './drafts';
import { clientsHandlers, referenceHandlers } from './clients';

/** The dispatch table: the type forces one handler for every call in the contract. */
export const handlers: HandlersFor<ApiContract> = {
  ...sessionHandlers,
  ...usersHandlers,
  ...auditHandlers,
  ...draftsHandlers,
  ...clientsHandlers,
  ...referenceHandlers,
};
