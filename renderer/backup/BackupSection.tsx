import { useEffect, useState } from 'react';
import { Alert, Button, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { useErrorText } from '../app/i18n';
import { notify } from '../app/notify';
import { formatDate, formatNumber } from '../clients/format';

const dateTime = (iso: string, lang: string) => `${formatDate(iso, lang) ?? ''} ${new Date(iso).toLocaleTimeString(lang === 'en' ? 'en-GB' : lang, { hour: '2-digit', minute: '2-digit' })}`;

/** Settings → Backups (SPEC W12): folder, how many to keep, when to warn; "back up now"; this installation's backups there. */
export function BackupSection() {
  const { t, i18n } = useTranslation('backup');
  const errorText = useErrorText('backup');
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['backup.status'], queryFn: () => call('backup.status', {}) });
  // The folder is typed or pasted, the way handover files are saved today; it starts at the last one used, else Downloads.
  const defaultFolder = useQuery({ queryKey: ['handover.defaultFolder'], queryFn: () => call('handover.defaultFolder', {}), staleTime: Infinity });
  const [folder, setFolder] = useState<string | null>(null);
  const [keep, setKeep] = useState<number | string>(10);
  const [warnAfterDays, setWarnAfterDays] = useState<number | string>(7);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!status.data) return;
    setKeep(status.data.keep);
    setWarnAfterDays(status.data.warnAfterDays);
    if (folder === null && (status.data.folder || defaultFolder.data)) setFolder(status.data.folder ?? defaultFolder.data?.folder ?? null);
  }, [status.data, defaultFolder.data]);
  const list = useQuery({ queryKey: ['backup.list', folder], queryFn: () => call('backup.list', { folder: folder! }), enabled: Boolean(folder) });

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['backup.status'] }).then(() => queryClient.invalidateQueries({ queryKey: ['backup.list'] }));
  const saveSettings = () =>
    call('backup.updateSettings', { keep: Number(keep), warnAfterDays: Number(warnAfterDays), ...(folder ? { folder } : {}) })
      .then(() => { notify(t('settings.saved')); return refresh(); })
      .catch((e: unknown) => notify(errorText(e), 'red'));
  const backUpNow = async () => {
    if (!folder) return;
    setBusy(true);
    setError(null);
    try {
      const out = await call('backup.create', { folder });
      notify(t('settings.created', { file: out.file }));
      await refresh();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const s = status.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="backup-title">
      <Stack>
        <Title order={3} id="backup-title">{t('settings.title')}</Title>
        <Text size="sm">{t('settings.intro')}</Text>
        {s && <Text fw={600} data-testid="last-backup">{s.lastBackupAt ? t('settings.last', { date: dateTime(s.lastBackupAt, i18n.language) }) : t('settings.never')}</Text>}
        <TextInput label={t('settings.folder')} description={t('settings.folderHint')} value={folder ?? ''} onChange={(e) => setFolder(e.currentTarget.value)} />
        <Group grow>
          <NumberInput label={t('settings.keep')} min={1} max={100} allowDecimal={false} value={keep} onChange={setKeep} />
          <NumberInput label={t('settings.warnAfterDays')} min={1} max={365} allowDecimal={false} value={warnAfterDays} onChange={setWarnAfterDays} />
        </Group>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void saveSettings()}>{t('settings.save')}</Button>
          <Button onClick={() => void backUpNow()} loading={busy} disabled={!folder}>{t('settings.create')}</Button>
        </Group>
        {busy && <Text size="sm" c="dimmed" role="status">{t('settings.creating')}</Text>}
        <Title order={4}>{t('settings.listTitle')}</Title>
        {list.data && list.data.length > 0 ? (
          <Table striped>
            <Table.Thead>
              <Table.Tr><Table.Th>{t('settings.createdAt')}</Table.Th><Table.Th>{t('settings.file')}</Table.Th><Table.Th>{t('settings.size')}</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((b) => (
                <Table.Tr key={b.file}>
                  <Table.Td>{dateTime(b.createdAt, i18n.language)}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{b.file.split(/[\\/]/).pop()}</Table.Td>
                  <Table.Td>{formatNumber(Math.max(1, Math.round(b.sizeBytes / 1024)), i18n.language)} kB</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">{t('settings.listEmpty')}</Text>
        )}
      </Stack>
    </Paper>
  );
}
