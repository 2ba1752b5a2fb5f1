import { useState } from 'react';
import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { alertSeverity } from '../../shared/plan';
import { call } from '../app/api';
import { formatDate } from '../clients/format';
import { openClient } from '../clients/clientNavigation';
import { ALERT_TEXT } from './ReleaseCountdown';
import { HorizonHeader, type Horizon } from './HorizonHeader';

const SEVERITY_COLORS = { none: 'teal', info: 'blue', warning: 'orange', urgent: 'red' } as const;

/** Clients whose earliest release falls within the next 7 / 30 / 90 days, soonest first, with their alerts. */
export function UpcomingReleasesPage() {
  const { t, i18n } = useTranslation('plan');
  const [days, setDays] = useState<Horizon>(30);
  const rows = useQuery({ queryKey: ['releases.upcoming', days], queryFn: () => call('releases.upcoming', { days }) });
  return (
    <Stack>
      <HorizonHeader title={t('releases.title')} days={days} onDays={setDays} error={rows.error} />
      {rows.data?.length === 0 && <Text c="dimmed">{t('releases.empty')}</Text>}
      {!!rows.data?.length && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('releases.client')}</Table.Th>
              <Table.Th>{t('releases.prison')}</Table.Th>
              <Table.Th>{t('releases.release')}</Table.Th>
              <Table.Th>{t('releases.checklist')}</Table.Th>
              <Table.Th>{t('releases.alert')}</Table.Th>
              <Table.Th>{t('releases.worker')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.data.map((r) => {
              const severity = alertSeverity(r.alert.level);
              const color = SEVERITY_COLORS[severity];
              const name = `${r.lastName} ${r.firstName}`;
              return (
                <Table.Tr key={r.clientId}>
                  <Table.Td>
                    <Button variant="subtle" px={4} onClick={() => openClient(r.clientId, 'plan')} aria-label={t('releases.open', { name })}>
                      {name}
                    </Button>
                    <Text span size="xs" c="dimmed" ff="monospace">{r.code}</Text>
                  </Table.Td>
                  <Table.Td>{r.prisonName ?? '—'}</Table.Td>
                  <Table.Td>
                    {formatDate(r.earliestRelease, i18n.language)}{' '}
                    <Text span size="sm" c="dimmed">({r.alert.daysToRelease === 0 ? t('releases.levels.releaseDay') : t('days.in', { count: r.alert.daysToRelease })})</Text>
                  </Table.Td>
                  <Table.Td>{r.checklistDone} / {r.checklistTotal}</Table.Td>
                  <Table.Td><Badge color={color} c={ALERT_TEXT[severity]} variant="light" tt="none">{t(`releases.levels.${r.alert.level}`)}</Badge></Table.Td>
                  <Table.Td>{r.assignedWorkerName}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
