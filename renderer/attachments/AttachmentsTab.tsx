import { useEffect, useState } from 'react';
import { Alert, Button, FileInput, Group, Image, Loader, Modal, Paper, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_KINDS, type Attachment, type AttachmentKind } from '../../shared/schemas/attachment';
import { call } from '../app/api';
import { useErrorText } from '../app/i18n';
import { notify } from '../app/notify';
import type { ClientTabProps } from '../clients/clientTabs';
import { formatDate } from '../clients/format';
import { useConsents } from '../consent/ConsentSection';
import { base64ToBytes } from '../directory/directoryUi';
import { downloadAttachment } from './attachmentDownload';
import { fileToBase64, formatBytes } from '../handover/handoverUi';

const useAttachmentErrorText = (): ((e: unknown) => string) => useErrorText('attachments');


/** "Přílohy" on the client record (W10): the signed consent form, ID documents, discharge letters and other scans. */
export function AttachmentsTab({ clientId, readOnly }: ClientTabProps) {
  const { t, i18n } = useTranslation(['attachments', 'common']);
  const errorText = useAttachmentErrorText();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['attachments.list', clientId], queryFn: () => call('attachments.list', { clientId }) });
  const [removing, setRemoving] = useState<Attachment | null>(null);
  const [showing, setShowing] = useState<Attachment | null>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['attachments.list', clientId] });
    await queryClient.invalidateQueries({ queryKey: ['consent.list', clientId] });
  };
  const size = (n: number) => formatBytes(n, i18n.language);

  const download = async (a: Attachment) => {
    try {
      await downloadAttachment(a.id);
    } catch (e) {
      notify(errorText(e), 'red');
    }
  };
  const remove = async (a: Attachment) => {
    try {
      await call('attachments.remove', { id: a.id });
      notify(t('removed'));
      setRemoving(null);
    } catch (e) {
      notify(errorText(e), 'red');
    } finally {
      await refresh();
    }
  };

  return (
    <Stack gap="md">
      <Text c="dimmed">{t('intro')}</Text>
      {readOnly && <Alert color="gray" variant="light">{t('readOnly')}</Alert>}
      {!readOnly && list.data && <AddAttachmentForm clientId={clientId} maxFileBytes={list.data.maxFileBytes} onAdded={refresh} />}
      <Title order={3} size="h4" id="attachments-title">{t('title')}</Title>
      {list.error && <Alert color="red" role="alert">{errorText(list.error)}</Alert>}
      {!list.data ? (
        !list.error && <Loader aria-label={t('common:loading')} />
      ) : (
        <>
          <Text size="sm" data-testid="attachments-usage">{t('usage', { used: size(list.data.totalBytes), limit: size(list.data.maxClientBytes) })}</Text>
          {list.data.attachments.length === 0 ? (
            <Text c="dimmed">{t('empty')}</Text>
          ) : (
            <Table striped verticalSpacing="xs" aria-labelledby="attachments-title" data-testid="attachments-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('name')}</Table.Th>
                  <Table.Th>{t('kind')}</Table.Th>
                  <Table.Th>{t('size')}</Table.Th>
                  <Table.Th>{t('addedOn')}</Table.Th>
                  <Table.Th>{t('actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.attachments.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Text fw={600} style={{ wordBreak: 'break-word' }}>{a.fileName}</Text>
                      {a.note && <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-line' }}>{a.note}</Text>}
                    </Table.Td>
                    <Table.Td>{t(`kinds.${a.kind}`)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{size(a.size)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(a.createdAt.slice(0, 10), i18n.language)}</Text>
                      {a.createdByName && <Text size="sm" c="dimmed">{a.createdByName}</Text>}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {a.mediaType.startsWith('image/') && (
                          <Button size="xs" variant="default" aria-label={t('showLabel', { name: a.fileName })} onClick={() => setShowing(a)}>{t('show')}</Button>
                        )}
                        <Button size="xs" variant="default" aria-label={t('downloadLabel', { name: a.fileName })} onClick={() => void download(a)}>{t('download')}</Button>
                        {!readOnly && (
                          <Button size="xs" variant="light" color="red" aria-label={t('removeLabel', { name: a.fileName })} onClick={() => setRemoving(a)}>{t('remove')}</Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t('removeTitle')} closeButtonProps={{ 'aria-label': t('close') }}>
        {removing && (
          <Stack>
            <Text>{t('removeText', { name: removing.fileName })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)}>{t('cancel')}</Button>
              <Button color="red" onClick={() => void remove(removing)}>{t('removeConfirm')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal opened={showing !== null} onClose={() => setShowing(null)} title={showing ? t('previewTitle', { name: showing.fileName }) : ''} size="xl" closeButtonProps={{ 'aria-label': t('close') }}>
        {showing && <ImagePreview attachment={showing} />}
      </Modal>
    </Stack>
  );
}

/** The image as a blob: URL (allowed by the CSP), revoked when the preview closes. */
function ImagePreview({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation(['attachments', 'common']);
  const errorText = useAttachmentErrorText();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let live = true;
    call('attachments.download', { id: attachment.id })
      .then((file) => {
        if (!live) return;
        objectUrl = URL.createObjectURL(new Blob([base64ToBytes(file.contentBase64)], { type: file.mediaType }));
        setUrl(objectUrl);
      })
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
    // Once per attachment: the error text function changes with every render.
  }, [attachment.id]);
  if (error) return <Alert color="red" role="alert">{error}</Alert>;
  if (!url) return <Loader aria-label={t('common:loading')} />;
  return <Image src={url} alt={attachment.fileName} fit="contain" mah="70vh" />;
}

function AddAttachmentForm({ clientId, maxFileBytes, onAdded }: { clientId: string; maxFileBytes: number; onAdded: () => Promise<void> }) {
  const { t, i18n } = useTranslation(['attachments', 'common']);
  const th = useTranslation('handover').t;
  const errorText = useAttachmentErrorText();
  const consents = useConsents(clientId);
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<AttachmentKind>('consentForm');
  const [consentId, setConsentId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      await call('attachments.add', { clientId, kind, note, fileName: file.name, contentBase64: await fileToBase64(file), consentId: kind === 'consentForm' ? consentId : null });
      notify(t('added'));
      setFile(null);
      setNote('');
      setConsentId(null);
      await onAdded();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3} size="h4">{t('addTitle')}</Title>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Group align="flex-start" grow>
          <FileInput
            label={t('file')}
            description={t('fileHint', { limit: formatBytes(maxFileBytes, i18n.language) })}
            accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
            value={file}
            onChange={(f) => { setFile(f); setError(null); }}
            clearable
            clearButtonProps={{ 'aria-label': t('clearFile') }}
            required
          />
          <Select
            label={t('kind')}
            data={ATTACHMENT_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            value={kind}
            allowDeselect={false}
            onChange={(v) => v && setKind(v as AttachmentKind)}
          />
          {kind === 'consentForm' && (
            <Select
              label={t('consent')}
              description={t('consentHint')}
              placeholder={t('consentNone')}
              data={(consents.data ?? []).map((c) => ({ value: c.id, label: `${th(`consent.kinds.${c.kind}`)}${c.organisation ? ` (${c.organisation})` : ''}, ${formatDate(c.givenOn, i18n.language) ?? ''}` }))}
              value={consentId}
              onChange={setConsentId}
              clearable
            />
          )}
        </Group>
        <Textarea label={t('note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} maxLength={1000} />
        <Group justify="flex-end">
          <Button onClick={() => void submit()} disabled={!file} loading={busy}>{t('add')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
