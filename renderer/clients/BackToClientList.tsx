import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { showClientList } from './clientNavigation';

/** "← Back to the client list" above a registration or a client's record. */
export function BackToClientList() {
  const { t } = useTranslation('clients');
  return (
    <Group>
      <Button variant="subtle" px="xs" onClick={showClientList}>
        <span aria-hidden>←&nbsp;</span>
        {t('page.back')}
      </Button>
    </Group>
  );
}
