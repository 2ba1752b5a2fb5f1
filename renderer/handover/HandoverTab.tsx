import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { HandoverExport } from '../../shared/schemas/handover';
import type { ClientTabProps } from '../clients/clientTabs';
import { call } from '../app/api';
import { badgeTint } from '../clients/badges';
import { formatDate } from '../clients/format';
import { ConsentSection } from '../consent/ConsentSection';
import { ExportSection } from './ExportSection';
import { ReceiptImport } from './ReceiptImport';

/** "Consent & handover" on the client record: consents, handing the case over, and what was handed over when. */
export function HandoverTab({ clientId, readOnly }: ClientTabProps) {
  const exports = useQuery({ queryKey: ['handover.exports', clientId], queryFn: () => call('handover.exports', { clientId }) });
  const pending = exports.data?.some((e) => e.receiptStatus === 'pending') ?? false;
  return (
    <Stack gap="xl">
      <ConsentSection clientId={clientId} readOnly={readOnly} />
      <ExportSection clientId={clientId} readOnly={readOnly} />
      <ExportHistory clientId={clientId} />
      {pending && <ReceiptImport showOpenClient={false} />}
    </Stack>
  );
}

function ExportHistory({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation('handover');
  const exports = useQuery({ queryKey: ['handover.exports', clientId], queryFn: () => call('handover.exports', { clientId }) });
  const date = (d: string | null) => formatDate(d, i18n.language) ?? '';
  const time = (d: string) => new Date(d).toLocaleString(i18n.language === 'en' ? 'en-GB' : i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const receipt = (e: HandoverExport) =>
    e.receiptStatus === 'pending'
      ? { color: 'yellow', text: t('history.pending'), symbol: '…' }
      : e.receiptStatus === 'imported'
        ? { color: 'teal', text: t('history.received', { date: date(e.receiptReceivedAt) }), symbol: '✓' }
        : e.receiptStatus === 'duplicate'
          ? { color: 'teal', text: t('history.duplicate'), symbol: '✓' }
          : { color: 'red', text: t('history.rejected'), symbol: '✗' };
  return (
    <Stack component="section" aria-labelledby="history-title" gap="xs">
      <Title order={3} size="h4" id="history-title">{t('history.title')}</Title>
      {exports.data?.length === 0 && <Text c="dimmed">{t('history.empty')}</Text>}
      {exports.data && exports.data.length > 0 && (
        <Table withTableBorder aria-labelledby="history-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('history.when')}</Table.Th>
              <Table.Th>{t('history.to')}</Table.Th>
              <Table.Th>{t('export.sections')}</Table.Th>
              <Table.Th>{t('history.custody')}</Table.Th>
              <Table.Th>{t('history.receipt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {exports.data.map((e) => {
              const r = receipt(e);
              return (
                <Table.Tr key={e.bundleId} data-testid="export-history-row">
                  <Table.Td>{time(e.createdAt)}<Text size="xs" c="dimmed">{e.createdByName}</Text></Table.Td>
                  <Table.Td>{e.byPassphrase ? `${e.organisation} (${t('history.byPassphrase')})` : e.recipientLabels.join(', ')}</Table.Td>
                  <Table.Td>{e.sections.map((s) => t(`sections.${s}`)).join(', ')}</Table.Td>
                  <Table.Td>{e.custody ? t('history.custodyMoved') : t('history.custodyKept')}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" tt="none" fw={600} style={{ ...badgeTint(r.color), height: 'auto' }} styles={{ label: { overflow: 'visible', whiteSpace: 'normal' } }} data-testid="receipt-status">
                      <span aria-hidden>{r.symbol} </span>{r.text}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
