import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Modal, Paper, Radio, Select, Stack, Table, Text, TextInput, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { consentFieldsSchema, type Consent, type ConsentStatus } from '../../shared/schemas/consent';
import { HANDOVER_SECTIONS, type HandoverSection } from '../../shared/schemas/handover';
import { call } from '../app/api';
import { notify } from '../app/notify';
import { badgeTint } from '../clients/badges';
import { formatDate } from '../clients/format';
import { base64ToBytes, saveDownload } from '../directory/directoryUi';
import { DraftNotice } from '../drafts/DraftNotice';
import { useDraftForm } from '../drafts/useDraftForm';
import { useHandoverErrorText } from '../handover/handoverUi';
import { DateField } from '../app/DateField';
import { localized } from '../app/validation';
import { downloadAttachment } from '../attachments/attachmentDownload';

const STATUS_COLOR: Record<ConsentStatus, string> = { active: 'teal', notYetValid: 'blue', expired: 'orange', withdrawn: 'red' };
export const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export function useConsents(clientId: string) {
  return useQuery({ queryKey: ['consent.list', clientId], queryFn: () => call('consent.list', { clientId }) });
}

/** W10 on the client record: the consents (scoped by organisation and section, expiring, revocable) and receipts. */
export function ConsentSection({ clientId, readOnly }: { clientId: string; readOnly: boolean }) {
  const { t, i18n } = useTranslation(['handover', 'common', 'attachments']);
  const errorText = useHandoverErrorText();
  const consents = useConsents(clientId);
  const queryClient = useQueryClient();
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['consent.list', clientId] });
  const date = (d: string | null) => formatDate(d, i18n.language) ?? '';
  const recipientLabel = (c: Consent) => (c.binding === 'contact' ? `${c.contactName ?? c.contactFingerprint?.slice(0, 16) ?? ''} (${c.organisation ?? ''})` : (c.organisation ?? ''));

  const receipt = async (c: Consent) => {
    try {
      const pdf = await call('consent.receiptPdf', { id: c.id });
      saveDownload(pdf.fileName, base64ToBytes(pdf.pdfBase64), 'application/pdf');
      notify(t('consent.receiptSaved', { file: pdf.fileName }));
    } catch (e) {
      notify(errorText(e), 'red');
    }
  };

  const scan = async (attachmentId: string) => {
    try {
      await downloadAttachment(attachmentId);
    } catch (e) {
      notify(errorText(e), 'red');
    }
  };

  return (
    <Stack component="section" aria-labelledby="consents-title">
      <Title order={3} size="h4" id="consents-title">{t('consent.title')}</Title>
      {consents.error && <Alert color="red" role="alert">{errorText(consents.error)}</Alert>}
      {consents.data?.length === 0 && <Text c="dimmed">{t('consent.empty')}</Text>}
      {consents.data && consents.data.length > 0 && (
        <Table withTableBorder verticalSpacing="xs" aria-labelledby="consents-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('consent.kind')}</Table.Th>
              <Table.Th>{t('consent.sections')}</Table.Th>
              <Table.Th>{t('consent.givenOn')}</Table.Th>
              <Table.Th><VisuallyHidden>{t('contacts.actions')}</VisuallyHidden></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {consents.data.map((c) => (
              <Table.Tr key={c.id} data-testid="consent-row">
                <Table.Td>
                  <Text fw={600}>{t(`consent.kinds.${c.kind}`)}</Text>
                  {c.kind === 'sharing' && <Text>{recipientLabel(c)}</Text>}
                  <Group gap={4} mt={4}>
                    <Badge variant="light" size="sm" tt="none" fw={600} style={badgeTint(STATUS_COLOR[c.status])}>{t(`consent.status.${c.status}`)}</Badge>
                    {c.binding && c.binding !== 'contact' && (
                      <Badge variant="light" size="sm" tt="none" fw={600} style={badgeTint(c.binding === 'needsReview' ? 'orange' : 'gray')} data-testid={`consent-binding-${c.binding}`}>{t(`consent.binding.${c.binding}`)}</Badge>
                    )}
                  </Group>
                  {c.binding === 'needsReview' && c.status === 'active' && <Text size="xs" c="dimmed">{t('consent.needsReviewHint')}</Text>}
                </Table.Td>
                <Table.Td>{c.kind === 'sharing' ? c.sections.map((s) => t(`sections.${s}`)).join(', ') : '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm">{t('consent.given', { date: date(c.givenOn) })}</Text>
                  {c.expiresOn && <Text size="sm">{t('consent.until', { date: date(c.expiresOn) })}</Text>}
                  {c.withdrawnOn && <Text size="sm" fw={600}>{t('consent.withdrawnOn', { date: date(c.withdrawnOn) })}</Text>}
                  {c.recordedByName && <Text size="xs" c="dimmed">{t('consent.recordedBy', { name: c.recordedByName })}</Text>}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => void receipt(c)} aria-label={`${t('consent.receipt')}: ${t(`consent.kinds.${c.kind}`)} ${recipientLabel(c)}`}>{t('consent.receipt')}</Button>
                    {c.scanAttachmentId && (
                      <Button size="xs" variant="default" onClick={() => void scan(c.scanAttachmentId!)} aria-label={`${t('attachments:consentScan')}: ${t(`consent.kinds.${c.kind}`)} ${recipientLabel(c)}`}>{t('attachments:consentScan')}</Button>
                    )}
                    {!readOnly && !c.withdrawnOn && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => setWithdrawing(c)} aria-label={`${t('consent.withdraw')}: ${t(`consent.kinds.${c.kind}`)} ${recipientLabel(c)}`}>{t('consent.withdraw')}</Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {readOnly ? <Text c="dimmed" size="sm">{t('consent.readOnly')}</Text> : <ConsentForm clientId={clientId} onSaved={refresh} />}
      <Modal opened={withdrawing !== null} onClose={() => setWithdrawing(null)} title={t('consent.withdrawTitle')} closeButtonProps={{ 'aria-label': t('common:close') }}>
        {withdrawing && <WithdrawForm consent={withdrawing} onDone={async () => { setWithdrawing(null); await refresh(); }} />}
      </Modal>
    </Stack>
  );
}

function WithdrawForm({ consent, onDone }: { consent: Consent; onDone: () => Promise<void> }) {
  const { t } = useTranslation(['handover', 'common']);
  const errorText = useHandoverErrorText();
  const [on, setOn] = useState(localToday());
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      await call('consent.withdraw', { id: consent.id, withdrawnOn: on });
      notify(t('consent.withdrawn'));
      await onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
      <Stack>
        <Text>{t(`consent.kinds.${consent.kind}`)}{consent.organisation ? `: ${consent.contactName ? `${consent.contactName} (${consent.organisation})` : consent.organisation}` : ''}</Text>
        <DateField label={t('consent.withdrawDate')} required value={on} onChange={(v) => setOn(v ?? '')} />
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Group justify="flex-end"><Button type="submit" color="red">{t('consent.withdrawConfirm')}</Button></Group>
      </Stack>
    </form>
  );
}

// The rule messages ("choose the trusted contact") in the UI language, not the API's English.
const consentForm = localized(consentFieldsSchema);

interface ConsentFormValues extends Record<string, unknown> {
  kind: 'processing' | 'sharing' | 'evaluation';
  contactId: string | null;
  organisation: string;
  sections: HandoverSection[];
  givenOn: string;
  expiresOn: string | null;
  note: string;
}

function ConsentForm({ clientId, onSaved }: { clientId: string; onSaved: () => Promise<unknown> }) {
  const { t } = useTranslation(['handover', 'common']);
  const errorText = useHandoverErrorText();
  const [error, setError] = useState<string | null>(null);
  const contacts = useQuery({ queryKey: ['trustedContacts.list'], queryFn: () => call('trustedContacts.list', {}) });
  const [firstContact, setFirstContact] = useState(false);
  const initialValues: ConsentFormValues = { kind: 'sharing', contactId: null, organisation: '', sections: ['record'], givenOn: localToday(), expiresOn: null, note: '' };
  const { form, restoredAt, discard } = useDraftForm({ formKey: `consent:new:${clientId}`, schema: consentForm, initialValues });
  const sharing = form.values.kind === 'sharing';

  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      const contactId = sharing && !firstContact ? v.contactId : null;
      const organisation = sharing && firstContact ? v.organisation : null;
      await call('consent.add', { clientId, consent: { kind: v.kind, contactId, organisation, sections: sharing ? v.sections : [], givenOn: v.givenOn, expiresOn: v.expiresOn || null, note: v.note } });
      await discard();
      notify(t('consent.added'));
      await onSaved();
    } catch (e) {
      setError(errorText(e));
    }
  });

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-label={t('consent.add')}>
        <Stack gap="sm">
          <Title order={4} size="h5">{t('consent.add')}</Title>
          <DraftNotice restoredAt={restoredAt} onDiscard={() => void discard()} />
          <Select
            label={t('consent.kind')}
            required
            allowDeselect={false}
            data={(['sharing', 'processing', 'evaluation'] as const).map((k) => ({ value: k, label: t(`consent.kinds.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          {sharing && (
            <>
              <Radio.Group
                label={t('consent.recipientMode')}
                value={firstContact ? 'firstContact' : 'contact'}
                onChange={(v) => {
                  const first = v === 'firstContact';
                  setFirstContact(first);
                  form.setValues(first ? { contactId: null } : { organisation: '' });
                }}
              >
                <Group mt={6}>
                  <Radio value="contact" label={t('consent.recipientContact')} />
                  <Radio value="firstContact" label={t('consent.recipientFirstContact')} />
                </Group>
              </Radio.Group>
              {firstContact ? (
                <TextInput label={t('consent.organisation')} description={t('consent.organisationHint')} required {...form.getInputProps('organisation')} error={form.errors.organisation ?? form.errors.contactId} />
              ) : (
                <Select
                  label={t('consent.contact')}
                  description={contacts.data?.length === 0 ? t('consent.noContacts') : t('consent.contactHint')}
                  placeholder={t('consent.contactPlaceholder')}
                  required
                  searchable
                  nothingFoundMessage={t('consent.noContactFound')}
                  data={(contacts.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.organisation})${c.verification === 'unverified' ? ` – ${t('consent.contactUnverified')}` : ''}` }))}
                  {...form.getInputProps('contactId')}
                />
              )}
              <Checkbox.Group label={t('consent.sections')} description={t('consent.sectionsHint')} required {...form.getInputProps('sections')}>
                <Group gap="md" mt={6}>
                  {HANDOVER_SECTIONS.map((s) => (
                    <Checkbox key={s} value={s} label={t(`sections.${s}`)} disabled={s === 'record'} />
                  ))}
                </Group>
              </Checkbox.Group>
            </>
          )}
          <Group grow align="flex-start">
            <DateField label={t('consent.givenOn')} required {...form.getInputProps('givenOn')} />
            <DateField
              label={t('consent.expiresOn')}
              description={t('consent.expiresOnHint')}
              emptyValue={null}
              value={form.values.expiresOn}
              onChange={(v) => form.setFieldValue('expiresOn', v)}
              error={form.errors.expiresOn}
            />
          </Group>
          <Textarea label={t('consent.note')} autosize minRows={1} {...form.getInputProps('note')} />
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <Group justify="flex-end"><Button type="submit">{t('consent.add')}</Button></Group>
        </Stack>
      </form>
    </Paper>
  );
}
