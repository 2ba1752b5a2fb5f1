import { Alert, Group, SegmentedControl, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RELEASE_HORIZONS } from '../../shared/api/calls/plan';
import { usePlanErrorText } from './planUi';

export type Horizon = (typeof RELEASE_HORIZONS)[number];

/** Title and the 7 / 30 / 90-day switch of the "upcoming releases" and "my tasks" pages, with a load error. */
export function HorizonHeader({ title, days, onDays, error }: { title: string; days: Horizon; onDays: (d: Horizon) => void; error: unknown }) {
  const { t } = useTranslation('plan');
  const errorText = usePlanErrorText();
  return (
    <>
      <Group justify="space-between">
        <Title order={2}>{title}</Title>
        <SegmentedControl
          aria-label={t('releases.horizon')}
          value={String(days)}
          onChange={(v) => onDays(Number(v) as Horizon)}
          data={RELEASE_HORIZONS.map((d) => ({ value: String(d), label: t('releases.within', { count: d }) }))}
        />
      </Group>
      {error ? <Alert color="red" role="alert">{errorText(error)}</Alert> : null}
    </>
  );
}
