import { Alert, Loader, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import type { ClientTabProps } from '../clients/clientTabs';
import { ReleaseCountdown } from './ReleaseCountdown';
import { ChecklistSection } from './ChecklistSection';
import { GoalsSection } from './GoalsSection';
import { ServicesSection } from './ServicesSection';
import { HistorySection } from './HistorySection';
import { usePlanErrorText } from './planUi';

/** The "Release plan" tab of a client: countdown and alerts, checklist, goals and tasks, services, history. */
export function PlanTab({ clientId, readOnly }: ClientTabProps) {
  const { t } = useTranslation(['plan', 'common']);
  const errorText = usePlanErrorText();
  const plan = useQuery({ queryKey: ['plan.get', clientId], queryFn: () => call('plan.get', { clientId }) });
  if (plan.error) return <Alert color="red" role="alert">{errorText(plan.error)}</Alert>;
  if (!plan.data) return <Loader aria-label={t('common:loading')} />;
  const p = plan.data;
  return (
    <Stack gap="md">
      <ReleaseCountdown plan={p} />
      <ChecklistSection clientId={clientId} items={p.checklist} today={p.today} readOnly={readOnly} />
      <GoalsSection clientId={clientId} goals={p.goals} today={p.today} readOnly={readOnly} />
      <ServicesSection clientId={clientId} readOnly={readOnly} />
      <HistorySection clientId={clientId} />
    </Stack>
  );
}
