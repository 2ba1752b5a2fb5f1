import { useState } from 'react';
import { Alert, Button, Code, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { useErrorText } from '../app/i18n';
import type { AuditVerifyResult } from '../../shared/schemas/audit';
import { DateField } from '../app/DateField';

export function AuditPage() {
  const { t, i18n } = useTranslation('admin');
  const errorText = useErrorText();
  const [action, setAction] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const actions = useQuery({ queryKey: ['audit.actions'], queryFn: () => call('audit.actions', {}) });
  const filter = { ...(action ? { action } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const entries = useInfiniteQuery({
    queryKey: ['audit.list', filter],
    queryFn: ({ pageParam }) => call('audit.list', { ...filter, limit: 100, ...(pageParam ? { beforeSeq: pageParam } : {}) }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
  });
  const rows = entries.data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('audit.title')}</Title>
        <Button onClick={() => { setError(null); call('audit.verify', {}).then(setVerify).catch((e) => setError(errorText(e))); }}>{t('audit.verify')}</Button>
      </Group>
      {verify?.ok === true && <Alert color="teal" role="status">{t('audit.verifyOk', { count: verify.count })}</Alert>}
      {verify?.ok === false && <Alert color="red" role="alert">{t('audit.verifyBroken', { seq: verify.brokenAt, reason: t(`audit.reasons.${verify.reason}`) })}</Alert>}
      {error && <Alert color="red">{error}</Alert>}
      <Group align="flex-end">
        <Select label={t('audit.action')} placeholder={t('audit.allActions')} clearable data={actions.data ?? []} value={action} onChange={setAction} searchable w={260} />
        <DateField label={t('audit.from')} value={from} onChange={(v) => setFrom(v ?? '')} />
        <DateField label={t('audit.to')} value={to} onChange={(v) => setTo(v ?? '')} />
      </Group>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>{t('audit.at')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.entity')}</Table.Th>
            <Table.Th>{t('audit.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.seq} data-testid="audit-row">
              <Table.Td>{r.seq}</Table.Td>
              <Table.Td>{new Date(r.at).toLocaleString(i18n.language)}</Table.Td>
              <Table.Td>{r.actorName ?? '—'}</Table.Td>
              <Table.Td><Code>{r.action}</Code></Table.Td>
              <Table.Td>{r.entityType ? `${r.entityType} ${r.entityId?.slice(0, 8) ?? ''}` : '—'}</Table.Td>
              <Table.Td><Text size="xs" ff="monospace">{Object.keys(r.details).length ? JSON.stringify(r.details) : ''}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && !entries.isLoading && <Text c="dimmed">{t('audit.empty')}</Text>}
      {entries.hasNextPage && <Button variant="default" onClick={() => void entries.fetchNextPage()}>{t('audit.loadMore')}</Button>}
    </Stack>
  );
}
