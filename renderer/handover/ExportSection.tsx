import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Group, List, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InputOf, OutputOf } from '../../shared/api';
import { checkSharingConsent } from '../../shared/schemas/consent';
import { HANDOVER_SECTIONS, type HandoverSection } from '../../shared/schemas/handover';
import { call } from '../app/api';
import { notify } from '../app/notify';
import { localToday, useConsents } from '../consent/ConsentSection';
import { READABLE_TITLE, formatBytes, useHandoverErrorText } from './handoverUi';

type Mode = 'contacts' | 'passphrase';
type Request = InputOf<'handover.preview'>;

export function useDefaultFolder() {
  return useQuery({ queryKey: ['handover.defaultFolder'], queryFn: () => call('handover.defaultFolder', {}), staleTime: Infinity });
}

/**
 * W8 from the client record: recipients (verified contacts, or a first-contact passphrase), the sections the
 * consent allows (the others disabled with the reason), custody, a preview, and the file saved to a folder.
 */
export function ExportSection({ clientId, readOnly }: { clientId: string; readOnly: boolean }) {
  const { t, i18n } = useTranslation('handover');
  const errorText = useHandoverErrorText();
  const queryClient = useQueryClient();
  const contacts = useQuery({ queryKey: ['trustedContacts.list'], queryFn: () => call('trustedContacts.list', {}) });
  const consents = useConsents(clientId);
  const defaultFolder = useDefaultFolder();
  const [mode, setMode] = useState<Mode>('contacts');
  const [recipientIds, setRecipientIds] = useState<string[]>([]);
  const [passOrg, setPassOrg] = useState('');
  const [passLabel, setPassLabel] = useState('');
  const [excluded, setExcluded] = useState<HandoverSection[]>([]);
  const [custody, setCustody] = useState(false);
  const [summaryPdf, setSummaryPdf] = useState(false);
  const [folder, setFolder] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ key: string; value: OutputOf<'handover.preview'> } | null>(null);
  const [result, setResult] = useState<OutputOf<'handover.export'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (folder === null && defaultFolder.data) setFolder(defaultFolder.data.folder);
  }, [defaultFolder.data, folder]);

  const verified = (contacts.data ?? []).filter((c) => c.verification !== 'unverified');
  const unverified = (contacts.data ?? []).filter((c) => c.verification === 'unverified');
  const organisations = useMemo(
    () => [...new Set(mode === 'passphrase' ? (passOrg.trim() ? [passOrg.trim()] : []) : verified.filter((c) => recipientIds.includes(c.id)).map((c) => c.organisation))],
    [mode, passOrg, recipientIds, contacts.data],
  );

  /** Why a section cannot go to the chosen organisations; null when every organisation's consent covers it. */
  const blockedReason = (section: HandoverSection): string | null => {
    if (organisations.length === 0) return '';
    for (const organisation of organisations) {
      const gate = checkSharingConsent(consents.data ?? [], organisation, [section], localToday());
      if (!gate.ok) return gate.reason === 'sectionsNotCovered' ? t('export.sectionBlocked', { organisation }) : t('export.sectionNoConsent', { organisation });
    }
    return null;
  };
  const sections = HANDOVER_SECTIONS.filter((s) => !blockedReason(s) && !excluded.includes(s));
  const request: Request = {
    clientId,
    recipientIds: mode === 'contacts' ? recipientIds : [],
    passphraseFor: mode === 'passphrase' ? { organisation: passOrg.trim(), label: passLabel.trim() } : null,
    sections: sections.length ? sections : ['record'],
    custody: custody && !readOnly,
    includeSummaryPdf: summaryPdf,
  };
  const requestKey = JSON.stringify(request);

  const showPreview = async () => {
    setError(null);
    setResult(null);
    try {
      setPreview({ key: requestKey, value: await call('handover.preview', request) });
    } catch (e) {
      setPreview(null);
      setError(errorText(e));
    }
  };

  const save = async () => {
    setError(null);
    setBusy(true);
    try {
      const made = await call('handover.export', { ...request, folder: folder ?? '' });
      setResult(made);
      setPreview(null);
      notify(t('export.done'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['clients.get', clientId] }),
        queryClient.invalidateQueries({ queryKey: ['handover.exports', clientId] }),
        queryClient.invalidateQueries({ queryKey: ['plan.get', clientId] }),
      ]);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const p = preview?.value;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="export-title">
      <Stack>
        <Title order={3} size="h4" id="export-title">{t('export.title')}</Title>
        <Text size="sm">{t('export.intro')}</Text>
        {readOnly && <Alert color="gray" variant="light">{t('export.readOnly')}</Alert>}
        <Radio.Group label={t('export.recipientMode')} value={mode} onChange={(v) => { setMode(v as Mode); setPreview(null); }}>
          <Group mt={6}>
            <Radio value="contacts" label={t('export.modeContacts')} />
            <Radio value="passphrase" label={t('export.modePassphrase')} />
          </Group>
        </Radio.Group>
        {mode === 'contacts' ? (
          <Stack gap={6}>
            {verified.length === 0 && contacts.data && <Alert color="yellow">{t('export.noVerified')}</Alert>}
            {verified.length > 0 && (
              <Checkbox.Group label={t('export.recipients')} description={t('export.recipientsHint')} value={recipientIds} onChange={setRecipientIds}>
                <Stack gap={6} mt={6}>
                  {verified.map((c) => <Checkbox key={c.id} value={c.id} label={`${c.name} (${c.organisation})`} />)}
                </Stack>
              </Checkbox.Group>
            )}
            {unverified.map((c) => (
              <Checkbox key={c.id} disabled checked={false} onChange={() => undefined} label={t('export.unverifiedDisabled', { name: c.name, organisation: c.organisation })} />
            ))}
          </Stack>
        ) : (
          <Stack gap="xs">
            <Text size="sm">{t('export.passphraseExplain')}</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('export.passphraseOrganisation')} description={t('export.passphraseOrganisationHint')} required value={passOrg} onChange={(e) => setPassOrg(e.currentTarget.value)} />
              <TextInput label={t('export.passphraseLabel')} required value={passLabel} onChange={(e) => setPassLabel(e.currentTarget.value)} />
            </SimpleGrid>
          </Stack>
        )}
        <Checkbox.Group label={t('export.sections')} description={organisations.length === 0 ? t('export.chooseRecipientFirst') : undefined} value={sections} onChange={(v) => setExcluded(HANDOVER_SECTIONS.filter((s) => !v.includes(s)))}>
          <Stack gap={6} mt={6}>
            {HANDOVER_SECTIONS.map((s) => {
              const reason = blockedReason(s);
              return (
                <Checkbox key={s} value={s} label={t(`sections.${s}`)} disabled={reason !== null || s === 'record'} description={reason || undefined} data-testid={`export-section-${s}`} />
              );
            })}
          </Stack>
        </Checkbox.Group>
        <Checkbox label={t('export.custody')} description={t('export.custodyHint')} checked={custody && !readOnly} disabled={readOnly} onChange={(e) => setCustody(e.currentTarget.checked)} />
        <Checkbox label={t('export.summaryPdf')} description={t('export.summaryPdfHint')} checked={summaryPdf} onChange={(e) => setSummaryPdf(e.currentTarget.checked)} />
        <TextInput label={t('export.folder')} description={t('export.folderHint')} required value={folder ?? ''} onChange={(e) => setFolder(e.currentTarget.value)} styles={{ input: { fontFamily: 'monospace' } }} />
        <Group>
          <Button variant="default" onClick={() => void showPreview()}>{t('export.preview')}</Button>
        </Group>
        {p && (
          <Paper withBorder p="sm" bg="gray.0" data-testid="export-preview" aria-labelledby="export-preview-title" component="section">
            <Stack gap={6}>
              <Title order={4} size="h5" id="export-preview-title">{t('export.previewTitle')}</Title>
              {p.recipients.length > 0 && <Text><Text span fw={600}>{t('export.previewRecipients')}: </Text>{p.recipients.join(', ')}</Text>}
              <Text><Text span fw={600}>{t('export.previewOrganisations')}: </Text>{p.organisations.join(', ')}</Text>
              <Text><Text span fw={600}>{t('export.sections')}: </Text>{p.sections.map((s) => t(`sections.${s}`)).join(', ')}</Text>
              <List size="sm">
                {Object.entries(p.counts).filter(([, n]) => n > 0).map(([k, n]) => (
                  <List.Item key={k}>{t(`counts.${k}`, { defaultValue: k })}: {n}</List.Item>
                ))}
              </List>
              <Text fw={600}>{t('export.previewAttachments')}</Text>
              {p.attachments.length === 0 ? (
                <Text size="sm" c="dimmed">{t('export.previewNoAttachments')}</Text>
              ) : (
                <List size="sm">
                  {p.attachments.map((a) => <List.Item key={a.fileName}>{a.fileName} ({formatBytes(a.size, i18n.language)})</List.Item>)}
                </List>
              )}
              {p.summaryPdf && <Text>{t('export.previewSummaryPdf')}</Text>}
              <Text fw={600}>{p.custody ? t('export.previewCustodyYes') : t('export.previewCustodyNo')}</Text>
              {preview.key !== requestKey && <Alert color="yellow">{t('export.previewStale')}</Alert>}
              {preview.key === requestKey && (
                <Group><Button onClick={() => void save()} loading={busy}>{t('export.save')}</Button></Group>
              )}
            </Stack>
          </Paper>
        )}
        {error && <Alert color="red" role="alert" data-testid="export-error">{error}</Alert>}
        {result && <ExportResult result={result} />}
      </Stack>
    </Paper>
  );
}

function ExportResult({ result }: { result: OutputOf<'handover.export'> }) {
  const { t } = useTranslation('handover');
  const [written, setWritten] = useState(false);
  return (
    <Stack gap="sm" data-testid="export-result">
      <Alert color="teal" styles={READABLE_TITLE} title={t('export.done')} role="status">
        <Text>{t('export.savedTo', { path: result.filePath })}</Text>
        <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>{t('export.fileHash', { hash: result.fileSha256 })}</Text>
      </Alert>
      {result.passphrase && !written && (
        <Alert color="yellow" styles={READABLE_TITLE} title={t('export.passphraseTitle')} data-testid="export-passphrase">
          <Stack gap="xs">
            <Text>{t('export.passphraseShownOnce')}</Text>
            <Text ff="monospace" fz={24} fw={700} data-testid="passphrase-words">{result.passphrase}</Text>
            <Group><Button size="xs" variant="default" onClick={() => setWritten(true)}>{t('export.passphraseWritten')}</Button></Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
