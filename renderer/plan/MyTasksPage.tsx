import { useState } from 'react';
import { Badge, Button, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { i18next, tData } from '../app/i18n';
import type { DueItem } from '../../shared/api/calls/plan';
import { call } from '../app/api';
import { formatDate } from '../clients/format';
import { openClient } from '../clients/clientNavigation';
import { HorizonHeader, type Horizon } from './HorizonHeader';


function describe(item: DueItem): string {
  const t = i18next.t;
  if (item.kind === 'task') return `${item.title} (${t(`plan:domains.${item.domain}`)})`;
  if (item.kind === 'checklist') return tData(`plan:checklist.items.${item.itemKey}`); // item keys: tests/unit/i18nDataKeys.test.ts
  return `${t(`plan:followUp.milestones.${item.milestone}`)} – ${t(`plan:followUp.states.${item.state}`)}`;
}

/** Everything due for the user's clients: plan tasks, checklist items and follow-ups, overdue first. */
export function MyTasksPage() {
  const { t, i18n } = useTranslation('plan');
  const [days, setDays] = useState<Horizon>(30);
  const items = useQuery({ queryKey: ['tasks.mine', days], queryFn: () => call('tasks.mine', { days }) });
  return (
    <Stack>
      <HorizonHeader title={t('myTasks.title')} days={days} onDays={setDays} error={items.error} />
      {items.data?.length === 0 && <Text c="dimmed">{t('myTasks.empty')}</Text>}
      {!!items.data?.length && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('myTasks.due')}</Table.Th>
              <Table.Th>{t('myTasks.what')}</Table.Th>
              <Table.Th>{t('myTasks.client')}</Table.Th>
              <Table.Th><VisuallyHidden>{t('myTasks.open')}</VisuallyHidden></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.data.map((item) => (
              <Table.Tr key={`${item.kind}:${item.id}`} data-testid="due-item">
                <Table.Td>
                  <Text size="sm" c={item.overdue ? 'red.9' : undefined} fw={item.overdue ? 600 : undefined}>{formatDate(item.dueDate, i18n.language) ?? '—'}</Text>
                  {item.overdue && <Badge color="red" c="red.9" variant="light" tt="none" size="sm">{t('myTasks.overdue')}</Badge>}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">{t(`myTasks.kind.${item.kind}`)}</Text>
                  <Text size="sm">{describe(item)}</Text>
                </Table.Td>
                <Table.Td>{item.clientName} <Text span size="xs" c="dimmed" ff="monospace">{item.clientCode}</Text></Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="light" onClick={() => openClient(item.clientId, item.kind === 'followUp' ? 'contacts' : 'plan')} aria-label={`${t('myTasks.open')}: ${item.clientName} – ${describe(item)}`}>
                    {t('myTasks.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
