import { useQuery } from '@tanstack/react-query';
import { call } from '../app/api';
import type { Sex } from '../../shared/schemas/client';

/**
 * Czech past participles follow the client's sex ("zastižen" / "zastižena"): the i18next context for a text
 * with `_male` / `_female` forms. Any other or unknown sex keeps the neutral text ("zastižen(a)").
 */
export function sexContext(sex: Sex | null | undefined): { context?: 'male' | 'female' } {
  return sex === 'male' || sex === 'female' ? { context: sex } : {};
}

/** The context for a client's record (the same query the client page holds, so no extra call once it is open). */
export function useClientSexContext(clientId: string): { context?: 'male' | 'female' } {
  const client = useQuery({ queryKey: ['clients.get', clientId], queryFn: () => call('clients.get', { id: clientId }) });
  return sexContext(client.data?.sex);
}
