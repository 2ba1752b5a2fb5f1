import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../shared/schemas/user';
import { CaseloadPage } from './CaseloadPage';
import { ClientPage } from '../clients/ClientPage';
import { ClientForm } from '../clients/ClientForm';
import { claimClientView, showClientList, useClientView } from '../clients/clientNavigation';
import { useFocusOnMount } from '../clients/useFocusOnMount';
import { BackToClientList } from '../clients/BackToClientList';

/** The clients area of the shell: the caseload list, a registration, or one client's record. */
export function ClientsArea({ user }: { user: SessionUser }) {
  claimClientView(user.id);
  const view = useClientView();
  if (view.kind === 'register') return <RegisterClient user={user} />;
  if (view.kind === 'client') return <ClientPage key={view.id} clientId={view.id} tab={view.tab} />;
  return <CaseloadPage user={user} />;
}

function RegisterClient({ user }: { user: SessionUser }) {
  const { t } = useTranslation('clients');
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <Stack gap="md">
      <BackToClientList />
      <Title order={2} ref={heading} tabIndex={-1}>{t('register.title')}</Title>
      <ClientForm user={user} onCancel={showClientList} />
    </Stack>
  );
}
