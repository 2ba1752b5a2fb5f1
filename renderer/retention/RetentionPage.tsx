import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RetentionCandidate } from '../../shared/schemas/retention';
import { call } from '../app/api';
import { useErrorText } from '../app/i18n';
import { notify } from '../app/notify';
import { formatDate } from '../clients/format';

/** W10 for admins: the retention period, the closed cases past it, and erasure confirmed by typing the client code. */
export function RetentionPage() {
  const { t, i18n } = useTranslation(['retention', 'common']);
  const errorText = useErrorText('retention');
  const queryClient = useQueryClient();
  const review = useQuery({ queryKey: ['retention.review'], queryFn: () => call('retention.review', {}) });
  const [months, setMonths] = useState<number | string>('');
  const [erasing, setErasing] = useState<RetentionCandidate | null>(null);
  useEffect(() => {
    if (review.data) setMonths(review.data.retentionMonths);
  }, [review.data?.retentionMonths]);
  const date = (d: string) => formatDate(d, i18n.language) ?? d;

  const saveMonths = async () => {
    try {
      await call('retention.setMonths', { months: Number(months) });
      notify(t('monthsSaved'));
      await queryClient.invalidateQueries({ queryKey: ['retention.review'] });
    } catch (e) {
      notify(errorText(e), 'red');
    }
  };

  return (
    <Stack maw={900}>
      <Title order={2}>{t('title')}</Title>
      <Text>{t('intro')}</Text>
      <Paper withBorder p="md">
        <form onSubmit={(e) => { e.preventDefault(); void saveMonths(); }}>
          <Group align="flex-end">
            <NumberInput label={t('months')} description={t('monthsHint')} min={1} max={600} step={1} allowDecimal={false} value={months} onChange={setMonths} w={320} />
            <Button type="submit" variant="default">{t('saveMonths')}</Button>
          </Group>
        </form>
      </Paper>
      {review.error && <Alert color="red" role="alert">{errorText(review.error)}</Alert>}
      {review.data?.due.length === 0 && <Text c="dimmed">{t('empty')}</Text>}
      {review.data && review.data.due.length > 0 && (
        <Table withTableBorder verticalSpacing="xs" aria-label={t('title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('code')}</Table.Th>
              <Table.Th>{t('name')}</Table.Th>
              <Table.Th>{t('lastActivity')}</Table.Th>
              <Table.Th>{t('dueOn')}</Table.Th>
              <Table.Th><Text span size="sm" fw={700}>{t('erase')}</Text></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {review.data.due.map((c) => (
              <Table.Tr key={c.id} data-testid="retention-row">
                <Table.Td>{c.code}</Table.Td>
                <Table.Td>{c.lastName} {c.firstName}</Table.Td>
                <Table.Td>{date(c.lastActivityOn)}</Table.Td>
                <Table.Td>{date(c.dueOn)}</Table.Td>
                <Table.Td><Button size="xs" color="red" variant="light" onClick={() => setErasing(c)} aria-label={t('eraseLabel', { code: c.code })}>{t('erase')}</Button></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={erasing !== null} onClose={() => setErasing(null)} title={erasing ? t('dialogTitle', { code: erasing.code }) : ''} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
        {erasing && (
          <EraseForm
            client={erasing}
            onCancel={() => setErasing(null)}
            onDone={async () => {
              notify(t('erased', { code: erasing.code }));
              setErasing(null);
              await queryClient.invalidateQueries();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function EraseForm({ client, onCancel, onDone }: { client: RetentionCandidate; onCancel: () => void; onDone: () => Promise<void> }) {
  const { t } = useTranslation(['retention', 'common']);
  const errorText = useErrorText('retention');
  const [reason, setReason] = useState(t('reasonDefault'));
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const matches = typed.trim().toUpperCase() === client.code;
  const submit = async () => {
    setError(null);
    setBusy(true);
    try {
      await call('retention.erase', { clientId: client.id, confirmCode: typed, reason });
      await onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
      <Stack>
        <Alert color="red" variant="light" title={`${client.code} · ${client.lastName} ${client.firstName}`}>
          <Text size="sm">{t('dialogWarning')}</Text>
          <Text size="sm" mt="xs">{t('dialogKeeps')}</Text>
        </Alert>
        <Textarea label={t('reason')} description={t('reasonHint')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <TextInput label={t('confirmCode')} description={client.code} required autoComplete="off" value={typed} onChange={(e) => setTyped(e.currentTarget.value)} data-autofocus />
        {error && <Alert color="red" role="alert" data-testid="erase-error">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>{t('cancel')}</Button>
          <Button type="submit" color="red" disabled={!matches || reason.trim().length < 3} loading={busy}>{t('confirm')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
