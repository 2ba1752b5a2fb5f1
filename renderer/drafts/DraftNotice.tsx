import { Alert, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function DraftNotice({ restoredAt, onDiscard }: { restoredAt: string | null; onDiscard: () => void }) {
  const { t, i18n } = useTranslation('common');
  if (!restoredAt) return null;
  const time = new Date(restoredAt).toLocaleString(i18n.language);
  return (
    <Alert color="yellow" variant="light" data-testid="draft-restored">
      <Group justify="space-between">
        <span>{t('draftRestored', { time })}</span>
        <Button size="xs" variant="subtle" onClick={onDiscard}>{t('discardDraft')}</Button>
      </Group>
    </Alert>
  );
}
