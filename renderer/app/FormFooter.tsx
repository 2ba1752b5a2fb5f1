import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The end of a dialog form: the save error, if any, then Cancel and Save. */
export function FormFooter({ error, onCancel }: { error: string | null | undefined; onCancel: () => void }) {
  const { t } = useTranslation('common');
  return (
    <>
      {error && <Text c="red.8" role="alert">{error}</Text>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>{t('cancel')}</Button>
        <Button type="submit">{t('save')}</Button>
      </Group>
    </>
  );
}
