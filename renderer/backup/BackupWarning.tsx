import { Alert, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';

/** "Last backup N days ago" on the home page, for administrators, once the configured number of days has passed. */
export function BackupWarning() {
  const { t } = useTranslation('backup');
  const status = useQuery({ queryKey: ['backup.status'], queryFn: () => call('backup.status', {}) });
  const s = status.data;
  if (!s?.overdue) return null;
  return (
    <Alert color="orange" data-testid="backup-warning">
      <Text fw={600}>{s.daysSinceLastBackup === null ? t('home.never') : t('home.overdue', { count: s.daysSinceLastBackup })}</Text>
      <Text size="sm">{t('home.action')}</Text>
    </Alert>
  );
}
