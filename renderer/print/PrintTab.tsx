import { useState } from 'react';
import { Button, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ClientTabProps } from '../clients/clientTabs';
import { call } from '../app/api';
import { notify } from '../app/notify';
import { base64ToBytes, saveDownload, useDirectoryErrorText } from '../directory/directoryUi';

type PrintLanguage = 'cs' | 'en';

/** Saves a PDF built on the Node side as a download; the API returns it as base64. */
function useSavePdf(): (fetch: () => Promise<{ fileName: string; pdfBase64: string }>) => Promise<void> {
  const { t } = useTranslation('directory');
  const errorText = useDirectoryErrorText();
  return async (fetch) => {
    try {
      const pdf = await fetch();
      saveDownload(pdf.fileName, base64ToBytes(pdf.pdfBase64), 'application/pdf');
      notify(t('print.saved', { file: pdf.fileName }));
    } catch (e) {
      notify(errorText(e), 'red');
    }
  };
}

/**
 * "Print" on the client record (W5): the plan for the client in their language, and the professional case
 * summary. Reading a handed-over case stays possible, so printing does too.
 */
export function PrintTab({ clientId }: ClientTabProps) {
  const { t, i18n } = useTranslation('directory');
  const tClients = useTranslation('clients').t;
  const client = useQuery({ queryKey: ['clients.get', clientId], queryFn: () => call('clients.get', { id: clientId }) });
  const [planLanguage, setPlanLanguage] = useState<PrintLanguage | null>(null);
  const [summaryLanguage, setSummaryLanguage] = useState<PrintLanguage>(i18n.language === 'en' ? 'en' : 'cs');
  const [busy, setBusy] = useState<'plan' | 'summary' | null>(null);
  const savePdf = useSavePdf();
  if (!client.data) return <Loader />;
  const languages = (['cs', 'en'] as const).map((l) => ({ value: l, label: tClients(`language.${l}`) }));
  const language = planLanguage ?? client.data.preferredLanguage;

  const run = async (which: 'plan' | 'summary') => {
    setBusy(which);
    await savePdf(() => (which === 'plan' ? call('print.clientPlan', { clientId, language }) : call('print.caseSummary', { clientId, language: summaryLanguage })));
    setBusy(null);
  };

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Paper withBorder p="md" component="section" aria-labelledby="print-plan-title">
        <Stack gap="sm">
          <Title order={3} size="h4" id="print-plan-title">{t('print.planTitle')}</Title>
          <Text size="sm" c="dimmed">{t('print.planHint')}</Text>
          <Select label={t('print.language')} data={languages} value={language} onChange={(v) => v && setPlanLanguage(v as PrintLanguage)} allowDeselect={false} />
          <Group><Button onClick={() => void run('plan')} loading={busy === 'plan'}>{t('print.savePlan')}</Button></Group>
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="print-summary-title">
        <Stack gap="sm">
          <Title order={3} size="h4" id="print-summary-title">{t('print.summaryTitle')}</Title>
          <Text size="sm" c="dimmed">{t('print.summaryHint')}</Text>
          <Select label={t('print.summaryLanguage')} data={languages} value={summaryLanguage} onChange={(v) => v && setSummaryLanguage(v as PrintLanguage)} allowDeselect={false} />
          <Group><Button variant="default" onClick={() => void run('summary')} loading={busy === 'summary'}>{t('print.saveSummary')}</Button></Group>
        </Stack>
      </Paper>
    </SimpleGrid>
  );
}
