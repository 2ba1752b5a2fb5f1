import { useState } from 'react';
import { Alert, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { auditActionLabel, auditActorText, auditDateTime, auditSentence } from '../../shared/audit/auditSentence';
import type { AuditVerifyResult } from '../../shared/schemas/audit';
import { call } from '../app/api';
import { DateField } from '../app/DateField';
import { useErrorText } from '../app/i18n';
import { notify } from '../app/notify';
import { saveDownload } from '../directory/directoryUi';

/**
 * W11: the audit log as sentences ("Jana Nováková — Otevření záznamu klienta HXB-9976"), filtered by person,
 * client, event and dates, and exported as the auditor's CSV. Columns are sized to fit 1366×768 without scrolling.
 */
export function AuditPage() {
  const { t, i18n } = useTranslation('audit');
  const { t: tAdmin } = useTranslation('admin');
  const lang = i18n.language === 'en' ? 'en' : 'cs';
  const errorText = useErrorText('audit');
  const [action, setAction] = useState<string | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const [clientCodeTyped, setClientCode] = useState('');
  const [clientCode] = useDebouncedValue(clientCodeTyped.trim(), 400);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const actions = useQuery({ queryKey: ['audit.actions'], queryFn: () => call('audit.actions', {}) });
  const people = useQuery({ queryKey: ['users.list', true], queryFn: () => call('users.list', { includeRemoved: true }) });
  const filter = { ...(action ? { action } : {}), ...(actorId ? { actorId } : {}), ...(clientCode ? { clientCode } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const entries = useInfiniteQuery({
    queryKey: ['audit.list', filter],
    queryFn: ({ pageParam }) => call('audit.list', { ...filter, limit: 100, ...(pageParam ? { beforeSeq: pageParam } : {}) }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
    retry: false,
  });
  const rows = entries.data?.pages.flatMap((p) => p.entries) ?? [];
  const actionOptions = (actions.data ?? []).map((a) => ({ value: a, label: auditActionLabel(lang, a) })).sort((a, b) => a.label.localeCompare(b.label, lang));
  const peopleOptions = (people.data ?? []).map((u) => ({ value: u.id, label: u.displayName })).sort((a, b) => a.label.localeCompare(b.label, lang));

  const exportCsv = async () => {
    setError(null);
    try {
      const file = await call('audit.export', { ...filter, language: lang });
      saveDownload(file.fileName, file.content, file.mimeType);
      notify(t('page.exported', { file: file.fileName }));
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('page.title')}</Title>
        <Group>
          <Button variant="default" onClick={() => void exportCsv()}>{t('page.exportCsv')}</Button>
          <Button onClick={() => { setError(null); call('audit.verify', {}).then(setVerify).catch((e) => setError(errorText(e))); }}>{tAdmin('audit.verify')}</Button>
        </Group>
      </Group>
      {verify?.ok === true && <Alert color="teal" role="status">{tAdmin('audit.verifyOk', { count: verify.count })}</Alert>}
      {verify?.ok === false && <Alert color="red" role="alert">{tAdmin('audit.verifyBroken', { seq: verify.brokenAt, reason: tAdmin(`audit.reasons.${verify.reason}`) })}</Alert>}
      {error && <Alert color="red" role="alert">{error}</Alert>}
      <Group align="flex-end" gap="sm" role="search" aria-label={t('page.filters')}>
        <Select label={t('page.person')} placeholder={t('page.allPeople')} clearable searchable data={peopleOptions} value={actorId} onChange={setActorId} w={180} />
        <TextInput label={t('page.client')} placeholder="ABC-1234" value={clientCodeTyped} onChange={(e) => setClientCode(e.currentTarget.value)} w={130} />
        <Select label={t('page.action')} placeholder={t('page.allActions')} clearable searchable data={actionOptions} value={action} onChange={setAction} w={270} />
        <DateField label={tAdmin('audit.from')} value={from} onChange={(v) => setFrom(v ?? '')} w={160} />
        <DateField label={tAdmin('audit.to')} value={to} onChange={(v) => setTo(v ?? '')} w={160} />
      </Group>
      {entries.isError && <Alert color="red" role="alert">{errorText(entries.error)}</Alert>}
      <Table striped layout="fixed" data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('page.seq')}</Table.Th>
            <Table.Th w={170}>{t('page.at')}</Table.Th>
            <Table.Th w={200}>{t('page.person')}</Table.Th>
            <Table.Th>{t('page.what')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.seq} data-testid="audit-row">
              <Table.Td>{r.seq}</Table.Td>
              <Table.Td>{auditDateTime(lang, r.at)}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{auditActorText(lang, r)}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{auditSentence(lang, r)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && !entries.isLoading && !entries.isError && <Text c="dimmed">{tAdmin('audit.empty')}</Text>}
      {entries.hasNextPage && <Button variant="default" onClick={() => void entries.fetchNextPage()}>{tAdmin('audit.loadMore')}</Button>}
    </Stack>
  );
}
