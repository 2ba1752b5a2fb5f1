import type { clientImportCalls } from '../../../../shared/api/calls/clientImport';
import type { HandlersFor } from './types';
import { importClients } from '../../clients/clientImportService';

export const clientImportHandlers: HandlersFor<typeof clientImportCalls> = {
  'clients.import': (input, ctx) => importClients(ctx, input.rows, input.dryRun),
};
