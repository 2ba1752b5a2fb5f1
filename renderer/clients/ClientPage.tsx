import { Alert, Badge, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { i18next } from '../app/i18n';
import { StatusBadge, badgeTint } from './badges';
import { clientTabs } from './clientTabs';
import { showClientView } from './clientNavigation';
import { useClientErrorText } from './errorText';
import { daysText, daysUntil, formatDate } from './format';
import type { Client } from '../../shared/schemas/client';
import { useFocusOnMount } from './useFocusOnMount';
import { BackToClientList } from './BackToClientList';

/** One client's record: who, where, when released, whether the case is still held here; then the tabs. */
export function ClientPage({ clientId, tab }: { clientId: string; tab?: string | undefined }) {
  const { t } = useTranslation(['clients', 'common']);
  const errorText = useClientErrorText();
  const client = useQuery({ queryKey: ['clients.get', clientId], queryFn: () => call('clients.get', { id: clientId }) });
  const current = clientTabs.some((x) => x.id === tab) ? tab! : (clientTabs[0]?.id ?? 'overview');

  const back = <BackToClientList />;
  if (client.error) {
    return (
      <Stack>
        {back}
        <Alert color="red" role="alert">{errorText(client.error)}</Alert>
      </Stack>
    );
  }
  if (!client.data) return <Stack>{back}<Loader aria-label={t('common:loading')} /></Stack>;
  const c = client.data;
  const readOnly = c.custody === 'handedOver';

  return (
    <Stack gap="md">
      {back}
      <ClientHeader client={c} />
      {readOnly && <Alert color="gray" variant="light">{t('page.readOnly')}</Alert>}
      <Tabs value={current} onChange={(v) => v && showClientView({ kind: 'client', id: clientId, tab: v })} keepMounted={false}>
        <Tabs.List aria-label={t('page.tabs')}>
          {clientTabs.map((x) => (
            <Tabs.Tab key={x.id} value={x.id}>{i18next.t(x.labelKey)}</Tabs.Tab>
          ))}
        </Tabs.List>
        {clientTabs.map((x) => (
          <Tabs.Panel key={x.id} value={x.id} pt="md">
            <x.component clientId={clientId} readOnly={readOnly} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function ClientHeader({ client: c }: { client: Client }) {
  const { t, i18n } = useTranslation(['clients', 'common']);
  const release = c.actualRelease ?? c.earliestRelease;
  const days = c.actualRelease ? null : daysUntil(c.earliestRelease);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <Stack gap={6}>
      <Group gap="sm" align="center">
        <Title order={2} ref={heading} tabIndex={-1}>
          {c.lastName} {c.firstName}
        </Title>
        <Badge variant="outline" color="gray" c="dark.9" ff="monospace" size="lg" tt="none">{c.code}</Badge>
        <StatusBadge status={c.status} size="lg" sex={c.sex} />
        {c.custody === 'handedOver' && (
          <Badge variant="light" size="lg" tt="none" fw={600} data-testid="custody-badge" style={{ ...badgeTint('yellow'), height: 'auto', whiteSpace: 'normal' }}>
            {c.receiptReceivedAt
              ? t('page.handedOverReceived', { to: c.handedOverTo ?? '', date: formatDate(c.receiptReceivedAt, i18n.language) })
              : t('page.handedOverPending', { to: c.handedOverTo ?? '' })}
          </Badge>
        )}
      </Group>
      <Group gap="lg" style={{ rowGap: 2 }}>
        <Text>
          <Text span c="dimmed">{c.actualRelease ? t('fields.actualRelease') : t('fields.earliestRelease')}: </Text>
          <Text span fw={600}>{formatDate(release, i18n.language) ?? t('notSet')}</Text>
          {days !== null && <Text span fw={600} c={days >= 0 && days <= 30 ? 'red.9' : undefined}> ({daysText(days)})</Text>}
        </Text>
        <Text>
          <Text span c="dimmed">{t('fields.prison')}: </Text>
          <Text span fw={600}>{c.prisonName ?? t('notSet')}</Text>
        </Text>
        <Text>
          <Text span c="dimmed">{t('fields.assignedWorker')}: </Text>
          <Text span fw={600}>{c.assignedWorkerName ?? t('notSet')}</Text>
        </Text>
      </Group>
    </Stack>
  );
}
