import { Alert } from '@mantine/core';
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
    <Alert color="orange" title={s.daysSinceLastBackup === null ? t('home.never') : t('home.overdue', { count: s.daysSinceLastBackup })} data-testid="backup-warning">
      {t('home.action')}
    </Alert>
  );
}
