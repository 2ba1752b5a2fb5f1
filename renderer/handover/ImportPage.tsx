import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Checkbox, FileInput, Group, List, Paper, PasswordInput, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../shared/api';
import type { BundleInspection } from '../../shared/schemas/handover';
import { ApiError } from '../../shared/api';
import { call } from '../app/api';
import { notify } from '../app/notify';
import { openClient } from '../clients/clientNavigation';
import { formatDate } from '../clients/format';
import { useDefaultFolder } from './ExportSection';
import { ReceiptImport } from './ReceiptImport';
import { displaySafe } from '../../shared/handover/displaySafe';
import { ExpiredCardBadge, READABLE_TITLE, TrustBadge, fileToBase64, formatBytes, joinPath, useHandoverErrorText } from './handoverUi';

type Source = { path: string } | { contentBase64: string };

/** W9: open a handover file, see who sent it and exactly what it holds, import on confirmation, save the receipt. */
export function ImportPage() {
  const { t } = useTranslation('handover');
  return (
    <Stack maw={1000}>
      <Title order={2}>{t('import.title')}</Title>
      <BundleImport />
      <ReceiptImport />
    </Stack>
  );
}

function BundleImport() {
  const { t } = useTranslation('handover');
  const errorText = useHandoverErrorText();
  const [filePath, setFilePath] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [askPassphrase, setAskPassphrase] = useState(false);
  const [opened, setOpened] = useState<{ source: Source; inspection: BundleInspection } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const open = async () => {
    setError(null);
    setOpened(null);
    if (!file && !filePath.trim()) return setError(t('import.sourceNeeded'));
    setBusy(true);
    try {
      const source: Source = file ? { contentBase64: await fileToBase64(file) } : { path: filePath.trim() };
      const inspection = await call('handover.inspect', { source, ...(passphrase ? { passphrase } : {}) });
      setOpened({ source, inspection });
    } catch (e) {
      if (e instanceof ApiError && (e.messageKey === 'errors.handover.passphraseNeeded' || e.messageKey === 'errors.handover.passphraseWrong')) setAskPassphrase(true);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const reset = () => {
    setOpened(null);
    setFile(null);
    setFilePath('');
    setPassphrase('');
    setAskPassphrase(false);
    setError(null);
  };

  return (
    <Stack>
      <Paper withBorder p="md" component="section" aria-labelledby="bundle-open-title">
        <form onSubmit={(e) => { e.preventDefault(); void open(); }} noValidate>
          <Stack gap="sm">
            <Title order={3} size="h4" id="bundle-open-title">{t('import.open')}</Title>
            <Text size="sm">{t('import.intro')}</Text>
            <TextInput label={t('import.path')} description={t('import.pathHint')} value={filePath} onChange={(e) => { setFilePath(e.currentTarget.value); setOpened(null); }} disabled={file !== null} styles={{ input: { fontFamily: 'monospace' } }} />
            <FileInput label={t('import.orFile')} value={file} onChange={(f) => { setFile(f); setOpened(null); }} clearable />
            {(askPassphrase || passphrase) && (
              <PasswordInput label={t('import.passphrase')} description={t('import.passphraseHint')} value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} autoComplete="off" />
            )}
            {!askPassphrase && !passphrase && (
              <Group><Button variant="subtle" size="compact-sm" onClick={() => setAskPassphrase(true)}>{t('import.passphrase')}…</Button></Group>
            )}
            {error && <Alert color="red" role="alert" data-testid="import-error">{error}</Alert>}
            <Group><Button type="submit" loading={busy}>{t('import.open')}</Button></Group>
          </Stack>
        </form>
      </Paper>
      {opened && <Inspection key={opened.inspection.bundleId} source={opened.source} passphrase={passphrase} inspection={opened.inspection} onAnother={reset} />}
    </Stack>
  );
}

function Inspection({ source, passphrase, inspection: x, onAnother }: { source: Source; passphrase: string; inspection: BundleInspection; onAnother: () => void }) {
  const { t, i18n } = useTranslation('handover');
  const errorText = useHandoverErrorText();
  const queryClient = useQueryClient();
  const defaultFolder = useDefaultFolder();
  const [mode, setMode] = useState<string>('new');
  const [confirmed, setConfirmed] = useState(false);
  const [receiptFolder, setReceiptFolder] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<OutputOf<'handover.import'> | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (receiptFolder === null && defaultFolder.data) setReceiptFolder(defaultFolder.data.folder);
  }, [defaultFolder.data, receiptFolder]);
  const time = (d: string) => new Date(d).toLocaleString(i18n.language === 'en' ? 'en-GB' : i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const trust = x.sender.trust === 'verified' ? 'safetyCode' : x.sender.trust === 'unverified' ? 'unverified' : 'unknown';
  const attachments = x.files.filter((f) => f.path.startsWith('payload/att/'));

  const receiptPath = joinPath(receiptFolder ?? '', `receipt-${x.bundleId.slice(0, 8)}.receipt`);
  const doImport = async () => {
    setError(null);
    setBusy(true);
    try {
      const into = mode !== 'new' ? { mode: 'into' as const, intoClientId: mode } : { mode: 'new' as const };
      const r = await call('handover.import', { source, ...(passphrase ? { passphrase } : {}), ...into, confirmWarnings: confirmed, receiptPath });
      setDone(r);
      notify(t('import.doneText', { code: r.code }));
      await queryClient.invalidateQueries();
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError && e.messageKey === 'errors.handover.alreadyImported') setError(`${errorText(e)} ${t('import.receiptSaved', { path: receiptPath })}`);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Alert color="teal" styles={READABLE_TITLE} title={t('import.done')} role="status" data-testid="import-done">
        <Stack gap="xs">
          <Text>{t('import.doneText', { code: done.code })}</Text>
          <Text fw={600} data-testid="receipt-path">{t('import.receiptSaved', { path: done.receiptPath })}</Text>
          <Group>
            <Button size="xs" onClick={() => openClient(done.clientId)}>{t('import.openClient')}</Button>
            <Button size="xs" variant="default" onClick={onAnother}>{t('import.another')}</Button>
          </Group>
        </Stack>
      </Alert>
    );
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="inspection-title" data-testid="inspection">
      <Stack gap="sm">
        <Title order={3} size="h4" id="inspection-title">{t('import.client')}: {displaySafe(x.client.lastName)} {displaySafe(x.client.firstName)} <Badge variant="outline" color="gray" c="dark.9" ff="monospace" tt="none">{displaySafe(x.client.code)}</Badge></Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Stack gap={4}>
            <Text size="sm" c="dimmed">{t('import.from')}</Text>
            <Text fw={700}>{displaySafe(x.sender.name)}, {displaySafe(x.sender.organisation)}</Text>
            <Group gap="xs">
              <TrustBadge verification={trust} />
              {x.warnings.includes('senderCardExpired') && <ExpiredCardBadge expiresAt={x.sender.card.expiresAt} language={i18n.language} />}
            </Group>
          </Stack>
          <Stack gap={4}>
            <Text><Text span c="dimmed">{t('import.createdAt')}: </Text><Text span fw={600}>{time(x.createdAt)}</Text></Text>
            <Text><Text span c="dimmed">{t('import.notAfter')}: </Text><Text span fw={600}>{time(x.notAfter)}</Text></Text>
            <Text><Text span c="dimmed">{t('import.dateOfBirth')}: </Text><Text span fw={600}>{formatDate(x.client.dateOfBirth, i18n.language)}</Text></Text>
          </Stack>
        </SimpleGrid>
        <Alert color={x.custody ? 'blue' : 'gray'} variant="light">{x.custody ? t('import.custodyYes') : t('import.custodyNo')}</Alert>
        <Text fw={700}>{t('import.contains')}</Text>
        <Text>{x.sections.map((s) => t(`sections.${s}`)).join(', ')}</Text>
        <List size="sm">
          {Object.entries(x.counts).filter(([, n]) => n > 0).map(([k, n]) => <List.Item key={k}>{t(`counts.${k}`, { defaultValue: k })}: {n}</List.Item>)}
        </List>
        {attachments.length > 0 && (
          <>
            <Text fw={700}>{t('export.previewAttachments')}</Text>
            <List size="sm">{attachments.map((f) => <List.Item key={f.path}>{displaySafe(f.displayName)} ({formatBytes(f.size, i18n.language)})</List.Item>)}</List>
          </>
        )}
        {x.files.some((f) => f.path === 'payload/summary.pdf') && <Text size="sm">{t('import.summaryPdf')}</Text>}
        {x.alreadyImported && <Alert color="yellow">{t('import.alreadyImported')}</Alert>}
        {x.warnings.length > 0 && (
          <Alert color="orange" role="alert" data-testid="import-warnings">
            <List size="sm">{x.warnings.map((w) => <List.Item key={w}>{t(`import.warnings.${w}`)}</List.Item>)}</List>
            <Checkbox mt="sm" label={t('import.confirmWarnings')} checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
          </Alert>
        )}
        <Radio.Group label={t('import.mode')} value={mode} onChange={setMode}>
          <Stack gap={6} mt={6}>
            <Radio value="new" label={t('import.modeNew')} />
            {x.possibleDuplicates.map((d) => (
              <Radio key={d.clientId} value={d.clientId} label={`${t('import.modeInto', { name: d.name, code: d.clientCode })} – ${t(`import.duplicateReason.${d.reason}`)}`} />
            ))}
          </Stack>
        </Radio.Group>
        {x.possibleDuplicates.length > 0 && mode === 'new' && (
          <Alert color="yellow" styles={READABLE_TITLE} title={t('import.duplicates')}>
            <List size="sm">{x.possibleDuplicates.map((d) => <List.Item key={d.clientId}>{d.name} ({d.clientCode}) – {t(`import.duplicateReason.${d.reason}`)}</List.Item>)}</List>
          </Alert>
        )}
        {mode !== 'new' && <Alert color="yellow">{t('import.intoWarning')}</Alert>}
        <TextInput label={t('import.receiptFolder')} description={t('import.receiptFolderHint')} required value={receiptFolder ?? ''} onChange={(e) => setReceiptFolder(e.currentTarget.value)} styles={{ input: { fontFamily: 'monospace' } }} />
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Group>
          <Button onClick={() => void doImport()} loading={busy} disabled={x.warnings.length > 0 && !confirmed}>{t('import.confirm')}</Button>
          <Button variant="default" onClick={onAnother}>{t('import.another')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

