import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Modal, Paper, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { REFERRAL_STATUSES, referralFieldsSchema, type Referral, type ReferralFields, type ReferralStatus } from '../../shared/schemas/referral';
import { SERVICE_TYPES } from '../../shared/schemas/service';
import { call } from '../app/api';
import { notify } from '../app/notify';
import { localized } from '../app/validation';
import { useDraftForm } from '../drafts/useDraftForm';
import { DraftNotice } from '../drafts/DraftNotice';
import type { ClientTabProps } from '../clients/clientTabs';
import { useDirectoryErrorText } from '../directory/directoryUi';
import { ServiceSummary } from '../directory/DirectoryPage';
import { DateTimeField } from '../app/DateField';

const referralForm = localized(referralFieldsSchema);
const STATUS_COLOUR: Record<ReferralStatus, string> = { proposed: 'gray', sent: 'blue', accepted: 'teal', attended: 'green', declined: 'red' };

function useFormatAppointment(): (at: string | null) => string {
  const { t, i18n } = useTranslation('directory');
  return (at) => (at ? new Date(at).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }) : t('referrals.noAppointment'));
}

/** "Referrals" on the client record (W7): where the client is referred, why, when the appointment is, and how it went. */
export function ReferralsTab({ clientId, readOnly }: ClientTabProps) {
  const { t } = useTranslation('directory');
  const tc = useTranslation('common').t;
  const errorText = useDirectoryErrorText();
  const queryClient = useQueryClient();
  const formatAt = useFormatAppointment();
  const referrals = useQuery({ queryKey: ['referrals.list', clientId], queryFn: () => call('referrals.list', { clientId }) });
  const [editing, setEditing] = useState<Referral | null>(null);
  const [removing, setRemoving] = useState<Referral | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['referrals.list', clientId] });

  const setStatus = async (r: Referral, status: ReferralStatus) => {
    try {
      await call('referrals.update', { id: r.id, serviceId: r.serviceId, reason: r.reason, appointmentAt: r.appointmentAt, notes: r.notes, status });
      notify(t('referrals.updated'));
    } catch (e) {
      notify(errorText(e), 'red');
    } finally {
      await refresh();
    }
  };
  const remove = async (r: Referral) => {
    try {
      await call('referrals.remove', { id: r.id });
      notify(t('referrals.removed'));
      setRemoving(null);
    } catch (e) {
      notify(errorText(e), 'red');
    } finally {
      await refresh();
    }
  };

  return (
    <Stack gap="md">
      {readOnly && <Alert color="gray" variant="light">{t('referrals.readOnly')}</Alert>}
      {!readOnly && <ReferralForm clientId={clientId} referral={null} onSaved={refresh} />}
      <Title order={3} size="h4">{t('referrals.title')}</Title>
      {referrals.error && <Alert color="red" role="alert">{errorText(referrals.error)}</Alert>}
      {!referrals.data ? (
        !referrals.error && <Loader />
      ) : referrals.data.length === 0 ? (
        <Text c="dimmed">{t('referrals.empty')}</Text>
      ) : (
        <Table striped verticalSpacing="xs" data-testid="referrals-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('referrals.service')}</Table.Th>
              <Table.Th>{t('referrals.reason')}</Table.Th>
              <Table.Th>{t('referrals.appointmentAt')}</Table.Th>
              <Table.Th>{t('referrals.status')}</Table.Th>
              {!readOnly && <Table.Th>{t('actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {referrals.data.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Text fw={600}>{r.service.name}</Text>
                  <Text size="sm" c="dimmed">{t(`types.${r.service.type}`)} · {r.service.regionName}</Text>
                  {r.service.phone && <Text size="sm">{r.service.phone}</Text>}
                  {r.service.removed && <Badge color="gray.8" variant="outline" tt="none">{t('referrals.serviceRemoved')}</Badge>}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'pre-line' }}>{r.reason}</Text>
                  {r.notes && <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-line' }}>{r.notes}</Text>}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatAt(r.appointmentAt)}</Table.Td>
                <Table.Td>
                  {readOnly ? (
                    <Badge color={`${STATUS_COLOUR[r.status]}.9`} variant="outline" tt="none">{t(`referrals.statuses.${r.status}`)}</Badge>
                  ) : (
                    <Select
                      size="xs"
                      aria-label={`${t('referrals.status')}: ${r.service.name}`}
                      data={REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`referrals.statuses.${s}`) }))}
                      value={r.status}
                      allowDeselect={false}
                      onChange={(v) => v && v !== r.status && void setStatus(r, v as ReferralStatus)}
                    />
                  )}
                </Table.Td>
                {!readOnly && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="xs" variant="default" aria-label={`${t('referrals.edit')}: ${r.service.name}`} onClick={() => setEditing(r)}>{t('referrals.editShort')}</Button>
                      <Button size="xs" variant="light" color="red" aria-label={`${t('referrals.remove')}: ${r.service.name}`} onClick={() => setRemoving(r)}>{t('referrals.removeShort')}</Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('referrals.edit')} size="lg">
        {editing && <ReferralForm clientId={clientId} referral={editing} onSaved={async () => { setEditing(null); await refresh(); }} />}
      </Modal>
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t('referrals.remove')}>
        <Stack>
          <Text>{t('referrals.removeConfirm')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>{tc('cancel')}</Button>
            <Button color="red" onClick={() => removing && void remove(removing)}>{t('referrals.remove')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** Services to choose from, grouped by type; the client's region of return first. */
function useServiceOptions(regionId: string | null, keep: string | null) {
  const { t } = useTranslation('directory');
  const services = useQuery({ queryKey: ['directory.list', 'all'], queryFn: () => call('directory.list', { includeRemoved: true }) });
  const list = services.data ?? [];
  const options = useMemo(
    () =>
      SERVICE_TYPES.map((type) => ({
        group: t(`types.${type}`),
        items: list
          .filter((s) => s.type === type && (!s.removedAt || s.id === keep))
          .sort((a, b) => Number(b.regionId === regionId) - Number(a.regionId === regionId) || a.name.localeCompare(b.name))
          .map((s) => ({ value: s.id, label: `${s.name} (${s.regionName})` })),
      })).filter((g) => g.items.length > 0),
    [list, regionId, keep, t],
  );
  return { options, byId: new Map(list.map((s) => [s.id, s])) };
}

function ReferralForm({ clientId, referral, onSaved }: { clientId: string; referral: Referral | null; onSaved: () => Promise<unknown> }) {
  const { t } = useTranslation('directory');
  const errorText = useDirectoryErrorText();
  const [error, setError] = useState<string | null>(null);
  const client = useQuery({ queryKey: ['clients.get', clientId], queryFn: () => call('clients.get', { id: clientId }) });
  const { options, byId } = useServiceOptions(client.data?.regionId ?? null, referral?.serviceId ?? null);
  const initialValues: ReferralFields = referral
    ? { serviceId: referral.serviceId, reason: referral.reason, appointmentAt: referral.appointmentAt, status: referral.status, notes: referral.notes }
    : { serviceId: '', reason: '', appointmentAt: null, status: 'proposed', notes: '' };
  const { form, restoredAt, discard } = useDraftForm({ formKey: `referrals:${referral?.id ?? `new:${clientId}`}`, schema: referralForm, initialValues });
  const chosen = byId.get(form.values.serviceId);
  const title = referral ? t('referrals.edit') : t('referrals.add');

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      if (referral) await call('referrals.update', { ...values, id: referral.id });
      else await call('referrals.create', { ...values, clientId });
      await discard();
      notify(referral ? t('referrals.updated') : t('referrals.created'));
      await onSaved();
    } catch (e) {
      setError(errorText(e));
    }
  });

  const body = (
    <form onSubmit={submit} noValidate aria-label={title}>
      <Stack gap="sm">
        {!referral && <Title order={3} size="h4">{title}</Title>}
        <DraftNotice restoredAt={restoredAt} onDiscard={() => void discard()} />
        <Select
          label={t('referrals.service')}
          placeholder={t('referrals.pickService')}
          required
          searchable
          data={options}
          nothingFoundMessage={t('empty')}
          {...form.getInputProps('serviceId')}
          // The form holds '' for "none"; Mantine's Select clears its search text only for null.
          value={form.values.serviceId || null}
          onChange={(v) => form.setFieldValue('serviceId', v ?? '')}
        />
        {chosen && <ServiceSummary service={chosen} />}
        <Textarea label={t('referrals.reason')} required autosize minRows={2} {...form.getInputProps('reason')} />
        <Group grow align="flex-start">
          <DateTimeField
            label={t('referrals.appointmentAt')}
            emptyValue={null}
            value={form.values.appointmentAt}
            onChange={(v) => form.setFieldValue('appointmentAt', v)}
            error={form.errors.appointmentAt}
          />
          <Select label={t('referrals.status')} data={REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`referrals.statuses.${s}`) }))} allowDeselect={false} {...form.getInputProps('status')} />
        </Group>
        <Textarea label={t('referrals.notes')} autosize minRows={1} {...form.getInputProps('notes')} />
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Group justify="flex-end"><Button type="submit">{title}</Button></Group>
      </Stack>
    </form>
  );
  return referral ? body : <Paper withBorder p="md">{body}</Paper>;
}
