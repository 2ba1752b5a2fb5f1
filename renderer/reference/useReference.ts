import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import type { ReferenceKind } from '../../shared/schemas/reference';

/** A prisons or regions list (W3), retired items included so existing records still show their names. */
export function useReferenceItems(kind: ReferenceKind) {
  return useQuery({ queryKey: ['reference.list', kind], queryFn: () => call('reference.list', { kind, includeInactive: true }) });
}

/**
 * Options for a picker: active items, plus the one already chosen even if it was retired since (so an old
 * record shows its prison instead of an empty field).
 */
export function useReferenceOptions(kind: ReferenceKind, keep: (string | null)[] = []): { value: string; label: string }[] {
  const { t } = useTranslation('clients');
  const items = useReferenceItems(kind).data ?? [];
  return items
    .filter((i) => i.active || keep.includes(i.id))
    .map((i) => ({ value: i.id, label: i.active ? i.name : t('caseload.retired', { name: i.name }) }));
}

/** Colleagues who can hold a caseload (evaluators never see identities, so they cannot be assigned). */
export function useWorkerOptions(): { value: string; label: string }[] {
  const directory = useQuery({ queryKey: ['users.directory'], queryFn: () => call('users.directory', {}) });
  return (directory.data ?? []).filter((u) => u.role !== 'evaluator').map((u) => ({ value: u.id, label: u.displayName }));
}
