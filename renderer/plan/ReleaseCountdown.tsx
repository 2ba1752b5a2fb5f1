import { Alert, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { alertSeverity } from '../../shared/plan';
import type { ReleasePlan } from '../../shared/schemas/plan';
import { formatDate } from '../clients/format';
import { useClientSexContext } from '../clients/sexContext';

const COLORS = { none: 'teal', info: 'blue', warning: 'orange', urgent: 'red' } as const;
/** Text shades dark enough for AA contrast on the light alert backgrounds. */
export const ALERT_TEXT = { none: '#075e45', info: 'blue.9', warning: '#7a3300', urgent: 'red.9' } as const;

/** The release countdown and, while checklist items are open, the T-30 / T-14 / T-7 alert. */
export function ReleaseCountdown({ plan }: { plan: ReleasePlan }) {
  const { t, i18n } = useTranslation('plan');
  const sex = useClientSexContext(plan.clientId);
  const alert = plan.alert;
  const date = formatDate(alert?.releaseDate, i18n.language);
  const countdown = !alert
    ? t('countdown.noDate')
    : plan.actualRelease && alert.daysToRelease <= 0
      ? t('countdown.released', { date, ...sex })
      : alert.daysToRelease > 0
        ? t('countdown.days', { count: alert.daysToRelease, date })
        : alert.daysToRelease === 0
          ? t('countdown.today', { date })
          : t('countdown.passed', { date });
  const severity = alert ? alertSeverity(alert.level) : 'none';

  return (
    <Stack gap="xs">
      <Group justify="space-between" align="center">
        <Text fw={700} size="lg" data-testid="release-countdown">{countdown}</Text>
        <Group gap="xs" miw={220}>
          <Text size="sm">{t('progress', { percent: plan.progress.percent })}</Text>
          <Progress value={plan.progress.percent} w={120} aria-label={t('progress', { percent: plan.progress.percent })} />
        </Group>
      </Group>
      {alert && alert.level !== 'none' && (
        <Alert color={COLORS[severity]} variant="light" role="alert" data-testid="release-alert" title={<Text span fw={700} c={ALERT_TEXT[severity]}>{t(`alert.${alert.level}`)}</Text>}>
          {t('alert.open', { count: alert.openItems })}
          {alert.overdueItems > 0 && `, ${t('alert.overdue', { count: alert.overdueItems })}`}
        </Alert>
      )}
      {alert && alert.level === 'none' && alert.openItems === 0 && (
        <Text c="#075e45" size="sm" data-testid="checklist-complete">✓ {t('alert.complete')}</Text>
      )}
    </Stack>
  );
}
