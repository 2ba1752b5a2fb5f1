import { useState } from 'react';
import { Alert, Button, Group, Loader, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CONTACT_CHANNELS, CONTACT_PHASES, contactNoteFieldsSchema, type ContactNoteFields } from '../../shared/schemas/contactLog';
import { call } from '../app/api';
import { localized } from '../app/validation';
import { notify } from '../app/notify';
import { useDraftForm } from '../drafts/useDraftForm';
import { DraftNotice } from '../drafts/DraftNotice';
import type { ClientTabProps } from '../clients/clientTabs';
import { nowLocal, usePlanErrorText, useRefreshPlan } from '../plan/planUi';
import { FollowUpSection } from './FollowUpSection';
import { DateTimeField } from '../app/DateField';
import { formatDateTime } from '../clients/format';

const contactForm = localized(contactNoteFieldsSchema);
const PAGE = 50;

/** "Contacts & follow-up": log a contact, read the log, and the follow-up schedule after release. */
export function ContactsTab({ clientId, readOnly }: ClientTabProps) {
  const client = useQuery({ queryKey: ['clients.get', clientId], queryFn: () => call('clients.get', { id: clientId }) });
  if (!client.data) return <Loader />;
  const released = client.data.actualRelease !== null;
  return (
    <Stack gap="md">
      <FollowUpSection clientId={clientId} readOnly={readOnly} />
      {!readOnly && <ContactForm clientId={clientId} released={released} />}
      <ContactList clientId={clientId} />
    </Stack>
  );
}

function ContactForm({ clientId, released }: { clientId: string; released: boolean }) {
  const { t } = useTranslation('plan');
  const errorText = usePlanErrorText();
  const refresh = useRefreshPlan(clientId);
  const [error, setError] = useState<string | null>(null);
  const initialValues: ContactNoteFields = { at: nowLocal(), channel: released ? 'phone' : 'prisonVisit', phase: released ? 'afterRelease' : 'custody', participants: '', notes: '' };
  const { form, restoredAt, discard } = useDraftForm({ formKey: `contactLog:new:${clientId}`, schema: contactForm, initialValues });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await call('contactLog.add', { clientId, ...values });
      // The note is stored: dropping its draft and refetching the log need not wait for each other.
      await Promise.all([discard().then(() => form.setFieldValue('at', nowLocal())), refresh()]);
      notify(t('contacts.saved'));
    } catch (e) {
      setError(errorText(e));
    }
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="contact-form-title">
      <form noValidate onSubmit={submit} aria-labelledby="contact-form-title">
        <Stack gap="sm">
          <Title order={3} size="h4" id="contact-form-title">{t('contacts.add')}</Title>
          <DraftNotice restoredAt={restoredAt} onDiscard={() => void discard()} />
          <Group grow align="flex-start">
            <DateTimeField label={t('contacts.at')} required {...form.getInputProps('at')} />
            <Select label={t('contacts.channel')} data={CONTACT_CHANNELS.map((c) => ({ value: c, label: t(`contacts.channels.${c}`) }))} allowDeselect={false} {...form.getInputProps('channel')} />
            <Select label={t('contacts.phase')} data={CONTACT_PHASES.map((p) => ({ value: p, label: t(`contacts.phases.${p}`) }))} allowDeselect={false} {...form.getInputProps('phase')} />
          </Group>
          <TextInput label={t('contacts.participants')} placeholder={t('contacts.participantsHint')} {...form.getInputProps('participants')} />
          <Textarea label={t('contacts.notes')} required autosize minRows={3} maxRows={12} {...form.getInputProps('notes')} />
          {error && <Text c="red.8" role="alert">{error}</Text>}
          <Group justify="flex-end"><Button type="submit">{t('contacts.add')}</Button></Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ContactList({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation('plan');
  const errorText = usePlanErrorText();
  const [limit, setLimit] = useState(PAGE);
  const log = useQuery({ queryKey: ['contactLog.list', clientId, limit], queryFn: () => call('contactLog.list', { clientId, limit, offset: 0 }) });
  if (log.error) return <Alert color="red" role="alert">{errorText(log.error)}</Alert>;
  const data = log.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="contact-log-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="contact-log-title">{t('contacts.title')}</Title>
        {data && <Text size="sm" c="dimmed">{t('contacts.count', { count: data.total })}</Text>}
      </Group>
      {data?.total === 0 && <Text c="dimmed">{t('contacts.empty')}</Text>}
      <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {data?.notes.map((n) => (
          <Stack key={n.id} component="li" gap={2} pb="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }} data-testid="contact-note">
            <Text size="sm" fw={600}>
              {formatDateTime(n.at, i18n.language)} · {t(`contacts.channels.${n.channel}`)} · {t(`contacts.phases.${n.phase}`)}
            </Text>
            {n.participants && <Text size="sm" c="dimmed">{t('contacts.participants')}: {n.participants}</Text>}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{n.notes}</Text>
            {n.authorName && <Text size="xs" c="dimmed">{t('contacts.by', { name: n.authorName })}</Text>}
          </Stack>
        ))}
      </Stack>
      {data && data.notes.length < data.total && (
        <Button variant="default" size="xs" mt="sm" onClick={() => setLimit(Math.min(limit + PAGE, 500))}>{t('contacts.more')}</Button>
      )}
    </Paper>
  );
}
