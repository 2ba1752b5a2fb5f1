import { useState } from 'react';
import { Alert, Button, FileInput, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../shared/api';
import { call } from '../app/api';
import { notify } from '../app/notify';
import { openClient } from '../clients/clientNavigation';
import { fileToBase64, useHandoverErrorText } from './handoverUi';

/** The sending side takes the signed receipt back: the handover is marked delivered and the checklist ticked. */
export function ReceiptImport({ showOpenClient = true }: { showOpenClient?: boolean }) {
  const { t } = useTranslation('handover');
  const errorText = useHandoverErrorText();
  const queryClient = useQueryClient();
  const [filePath, setFilePath] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<(OutputOf<'handover.importReceipt'> & { code: string }) | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setError(null);
    setDone(null);
    if (!file && !filePath.trim()) return setError(t('import.sourceNeeded'));
    setBusy(true);
    try {
      const source = file ? { contentBase64: await fileToBase64(file) } : { path: filePath.trim() };
      const r = await call('handover.importReceipt', { source });
      const client = await call('clients.get', { id: r.clientId }).catch(() => null);
      setDone({ ...r, code: client?.code ?? '' });
      notify(t('receipt.done', { code: client?.code ?? '' }));
      await queryClient.invalidateQueries();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="receipt-import-title">
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4" id="receipt-import-title">{t('receipt.title')}</Title>
          <Text size="sm">{t('receipt.intro')}</Text>
          <TextInput label={t('receipt.path')} value={filePath} onChange={(e) => setFilePath(e.currentTarget.value)} disabled={file !== null} styles={{ input: { fontFamily: 'monospace' } }} />
          <FileInput label={t('receipt.orFile')} value={file} onChange={setFile} clearable />
          {error && <Alert color="red" role="alert">{error}</Alert>}
          {done && (
            <Alert color="teal" role="status" data-testid="receipt-done">
              <Stack gap="xs">
                <Text>{t('receipt.done', { code: done.code })}</Text>
                {showOpenClient && <Group><Button size="xs" variant="default" onClick={() => openClient(done.clientId, 'handover')}>{t('receipt.openClient')}</Button></Group>}
              </Stack>
            </Alert>
          )}
          <Group><Button type="submit" loading={busy}>{t('receipt.import')}</Button></Group>
        </Stack>
      </form>
    </Paper>
  );
}
