import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Group, Loader, Modal, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { sexContext } from './sexContext';
import { notify } from '../app/notify';
import { CLIENT_STATUSES, type Client, type ClientStatus } from '../../shared/schemas/client';
import type { ClientTabProps } from './clientTabs';
import { ClientForm, editFormKey } from './ClientForm';
import { useClientErrorText } from './errorText';
import { formatDate } from './format';
import { showClientList } from './clientNavigation';
import { useWorkerOptions } from '../reference/useReference';
import { CareTeamPanel } from '../careTeam/CareTeamPanel';

/** The Overview tab: the record's fields, with Edit, Change status and Reassign (all off once handed over). */
export function ClientOverview({ clientId, readOnly }: ClientTabProps) {
  const { t } = useTranslation(['clients', 'common']);
  const errorText = useClientErrorText();
  const client = useQuery({ queryKey: ['clients.get', clientId], queryFn: () => call('clients.get', { id: clientId }) });
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<'status' | 'reassign' | null>(null);

  // An edit interrupted by a lock or a crash reopens with its draft.
  useEffect(() => {
    if (readOnly) return;
    let cancelled = false;
    void call('drafts.get', { formKey: editFormKey(clientId) })
      .then((draft) => !cancelled && draft && setEditing(true))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [clientId, readOnly]);

  if (client.error) return <Alert color="red" role="alert">{errorText(client.error)}</Alert>;
  if (!client.data) return <Loader aria-label={t('common:loading')} />;
  const c = client.data;

  if (editing && !readOnly) {
    return (
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="md">{t('edit.title')}</Title>
        <ClientForm client={c} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />
      </Paper>
    );
  }

  return (
    <Stack gap="md">
      {!readOnly && (
        <Group gap="sm">
          <Button onClick={() => setEditing(true)}>{t('overview.edit')}</Button>
          <Button variant="default" onClick={() => setDialog('status')}>{t('overview.changeStatus')}</Button>
          <Button variant="default" onClick={() => setDialog('reassign')}>{t('overview.reassign')}</Button>
        </Group>
      )}
      <ClientFields client={c} />
      <CareTeamPanel clientId={clientId} readOnly={readOnly} />
      <StatusDialog client={c} opened={dialog === 'status'} onClose={() => setDialog(null)} />
      <ReassignDialog client={c} opened={dialog === 'reassign'} onClose={() => setDialog(null)} />
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation(['clients', 'common']);
  return (
    <div>
      <Text size="sm" c="dimmed">{label}</Text>
      <Text fw={500}>{children === null || children === '' ? t('notSet') : children}</Text>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="sm">{title}</Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" verticalSpacing="sm">{children}</SimpleGrid>
    </Paper>
  );
}

function ClientFields({ client: c }: { client: Client }) {
  const { t, i18n } = useTranslation(['clients', 'common']);
  const date = (d: string | null) => formatDate(d, i18n.language);
  return (
    <Stack gap="md">
      <Section title={t('sections.person')}>
        <Field label={t('fields.lastName')}>{c.lastName}</Field>
        <Field label={t('fields.firstName')}>{c.firstName}</Field>
        <Field label={t('fields.dateOfBirth')}>{date(c.dateOfBirth)}</Field>
        <Field label={t('fields.code')}>{c.code}</Field>
        <Field label={t('fields.sex')}>{t(`sex.${c.sex}`)}</Field>
        <Field label={t('fields.nationality')}>{c.nationality}</Field>
        <Field label={t('fields.preferredLanguage')}>{t(`language.${c.preferredLanguage}`)}</Field>
      </Section>
      <Section title={t('sections.sentence')}>
        <Field label={t('fields.prison')}>{c.prisonName}</Field>
        <Field label={t('fields.sentenceStart')}>{date(c.sentenceStart)}</Field>
        <Field label={t('fields.earliestRelease')}>{date(c.earliestRelease)}</Field>
        <Field label={t('fields.latestRelease')}>{date(c.latestRelease)}</Field>
        <Field label={t('fields.actualRelease')}>{date(c.actualRelease)}</Field>
      </Section>
      <Section title={t('sections.afterRelease')}>
        <Field label={t('fields.region')}>{c.regionName}</Field>
        <Field label={t('fields.municipality')}>{c.municipality}</Field>
      </Section>
      <Section title={t('sections.case')}>
        <Field label={t('fields.assignedWorker')}>{c.assignedWorkerName}</Field>
        <Field label={t('fields.status')}>{t(`status.${c.status}`)}</Field>
        <Field label={t('fields.lastContact')}>{date(c.lastContactAt)}</Field>
        <Field label={t('fields.createdAt', sexContext(c.sex))}>{date(c.createdAt)}</Field>
        <Field label={t('fields.updatedAt')}>{date(c.updatedAt)}</Field>
      </Section>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="sm">{t('fields.notes')}</Title>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{c.notes || t('notSet')}</Text>
      </Paper>
    </Stack>
  );
}

/** Saves a status or worker change; a stale revision reloads the record and says why. */
function useRecordChange(client: Client, onClose: () => void) {
  const queryClient = useQueryClient();
  const errorText = useClientErrorText();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const run = async (fn: () => Promise<Client>, done: (c: Client) => void) => {
    setSaving(true);
    setError(null);
    try {
      const saved = await fn();
      queryClient.setQueryData(['clients.get', client.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['clients.caseload'] });
      onClose();
      done(saved);
    } catch (e) {
      setError(errorText(e));
      void queryClient.invalidateQueries({ queryKey: ['clients.get', client.id] });
    } finally {
      setSaving(false);
    }
  };
  return { error, saving, run, reset: () => setError(null) };
}

function StatusDialog({ client, opened, onClose }: { client: Client; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation(['clients', 'common']);
  const tc = useTranslation('common').t;
  const [status, setStatus] = useState<ClientStatus>(client.status);
  const change = useRecordChange(client, onClose);
  useEffect(() => {
    if (opened) {
      setStatus(client.status);
      change.reset();
    }
  }, [opened]);
  return (
    <Modal opened={opened} onClose={onClose} title={t('overview.changeStatus')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void change.run(
            () => call('clients.setStatus', { id: client.id, status, revision: client.revision }),
            (saved) => notify(t('overview.statusChanged', { status: t(`status.${saved.status}`) })),
          );
        }}
      >
        <Stack>
          <Select label={t('overview.newStatus')} data={CLIENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} value={status} onChange={(v) => v && setStatus(v as ClientStatus)} allowDeselect={false} data-autofocus />
          {change.error && <Alert color="red" role="alert">{change.error}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{tc('cancel')}</Button>
            <Button type="submit" loading={change.saving} disabled={status === client.status}>{t('overview.confirm')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ReassignDialog({ client, opened, onClose }: { client: Client; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation(['clients', 'common']);
  const tc = useTranslation('common').t;
  const workers = useWorkerOptions();
  const status = useQuery({ queryKey: ['app.status'], queryFn: () => call('app.status', {}) });
  const [workerId, setWorkerId] = useState<string | null>(client.assignedWorkerId);
  const change = useRecordChange(client, onClose);
  useEffect(() => {
    if (opened) {
      setWorkerId(client.assignedWorkerId);
      change.reset();
    }
  }, [opened]);
  const me = status.data?.user;
  return (
    <Modal opened={opened} onClose={onClose} title={t('overview.reassign')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!workerId) return;
          void change.run(
            () => call('clients.reassign', { id: client.id, workerId, revision: client.revision }),
            (saved) => {
              notify(t('overview.reassigned', { name: saved.assignedWorkerName ?? '' }));
              // A caseworker who hands a client to a colleague no longer has the record in their caseload.
              if (me && me.role !== 'admin' && saved.assignedWorkerId !== me.id) showClientList();
            },
          );
        }}
      >
        <Stack>
          <Select label={t('overview.newWorker')} data={workers} value={workerId} onChange={setWorkerId} searchable allowDeselect={false} data-autofocus />
          {change.error && <Alert color="red" role="alert">{change.error}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{tc('cancel')}</Button>
            <Button type="submit" loading={change.saving} disabled={!workerId || workerId === client.assignedWorkerId}>{t('overview.confirm')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
