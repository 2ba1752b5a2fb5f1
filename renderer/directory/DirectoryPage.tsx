import { useState } from 'react';
import { Alert, Button, Group, Loader, Modal, Paper, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../shared/schemas/user';
import { SERVICE_TYPES, serviceInputSchema, type Service, type ServiceInput, type ServiceType } from '../../shared/schemas/service';
import { call } from '../app/api';
import { notify } from '../app/notify';
import { localized } from '../app/validation';
import { useDraftForm } from '../drafts/useDraftForm';
import { DraftNotice } from '../drafts/DraftNotice';
import { useReferenceOptions } from '../reference/useReference';
import { saveDownload, useDirectoryErrorText } from './directoryUi';
import { ImportPanel } from './ImportPanel';

const serviceForm = localized(serviceInputSchema);
/** W7: admins and caseworkers keep the directory; the Node side enforces the same. */
export const canEditDirectory = (user: SessionUser) => user.role === 'admin' || user.role === 'caseworker';

export function useServiceTypeOptions(): { value: ServiceType; label: string }[] {
  const { t } = useTranslation('directory');
  return SERVICE_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }));
}

/** The service directory (W7): find a service by region, type or words; keep it; share it as CSV / JSON. */
export function DirectoryPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation('directory');
  const tc = useTranslation('common').t;
  const errorText = useDirectoryErrorText();
  const queryClient = useQueryClient();
  const [regionId, setRegionId] = useState<string | null>(null);
  const [type, setType] = useState<ServiceType | null>(null);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const [removing, setRemoving] = useState<Service | null>(null);
  const regions = useReferenceOptions('region');
  const types = useServiceTypeOptions();
  const editor = canEditDirectory(user);
  const list = useQuery({
    queryKey: ['directory.list', regionId, type, search],
    queryFn: () => call('directory.list', { regionId, type, search }),
    placeholderData: (previous) => previous,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['directory.list'] });

  const exportAs = async (format: 'csv' | 'json') => {
    try {
      const file = await call('directory.export', { format, regionId, type });
      saveDownload(file.fileName, file.content, file.mimeType);
      notify(t('export.done', { count: file.count }));
    } catch (e) {
      notify(errorText(e), 'red');
    }
  };

  const remove = async (service: Service) => {
    try {
      await call('directory.remove', { id: service.id });
      notify(t('removed'));
      setRemoving(null);
      await refresh();
    } catch (e) {
      notify(errorText(e), 'red');
    }
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('title')}</Title>
        <Group gap="xs">
          {editor && <Button onClick={() => setEditing('new')}>{t('add')}</Button>}
          <Button variant="default" onClick={() => void exportAs('csv')}>{t('export.csv')}</Button>
          <Button variant="default" onClick={() => void exportAs('json')}>{t('export.json')}</Button>
        </Group>
      </Group>
      {regions.length === 0 && <Alert color="yellow" variant="light">{t('noRegions')}</Alert>}

      <Group grow align="flex-end" role="search">
        <Select label={t('filter.region')} placeholder={t('filter.allRegions')} data={regions} value={regionId} onChange={setRegionId} clearable searchable />
        <Select label={t('filter.type')} placeholder={t('filter.allTypes')} data={types} value={type} onChange={(v) => setType(v as ServiceType | null)} clearable searchable />
        <TextInput label={t('filter.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} type="search" />
      </Group>

      {list.error && <Alert color="red" role="alert">{errorText(list.error)}</Alert>}
      {!list.data ? (
        <Loader aria-label={tc('loading', { defaultValue: '…' })} />
      ) : (
        <>
          <Text c="dimmed" aria-live="polite">{t('count', { count: list.data.length })}</Text>
          {list.data.length === 0 ? (
            <Text>{t('empty')}</Text>
          ) : (
            <Table striped verticalSpacing="xs" data-testid="directory-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.name')}</Table.Th>
                  <Table.Th>{t('fields.region')}</Table.Th>
                  <Table.Th>{t('fields.address')}</Table.Th>
                  <Table.Th>{t('fields.openingHours')}</Table.Th>
                  <Table.Th>{t('fields.intakeCriteria')}</Table.Th>
                  {editor && <Table.Th>{t('actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Text fw={600}>{s.name}</Text>
                      <Text size="sm" c="dimmed">{t(`types.${s.type}`)}</Text>
                    </Table.Td>
                    <Table.Td>{s.regionName}</Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>{[s.address, s.contactPerson, s.phone, s.email, s.website].filter(Boolean).join('\n')}</Text>
                    </Table.Td>
                    <Table.Td><Text size="sm" style={{ whiteSpace: 'pre-line' }}>{s.openingHours}</Text></Table.Td>
                    <Table.Td><Text size="sm" style={{ whiteSpace: 'pre-line' }}>{s.intakeCriteria}</Text></Table.Td>
                    {editor && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button size="xs" variant="default" aria-label={t('editNamed', { name: s.name })} onClick={() => setEditing(s)}>{t('edit')}</Button>
                          <Button size="xs" variant="light" color="red" aria-label={t('removeNamed', { name: s.name })} onClick={() => setRemoving(s)}>{t('remove')}</Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}

      {editor && <ImportPanel onImported={() => void refresh()} />}

      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('add') : t('edit')} size="lg">
        {editing !== null && (
          <ServiceForm
            service={editing === 'new' ? null : editing}
            onSaved={async () => {
              setEditing(null);
              notify(t('saved'));
              await refresh();
            }}
          />
        )}
      </Modal>
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={t('remove')}>
        <Stack>
          <Text>{t('removeConfirm', { name: removing?.name ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>{tc('cancel')}</Button>
            <Button color="red" onClick={() => removing && void remove(removing)}>{t('remove')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

const EMPTY: ServiceInput = { name: '', type: 'addiction_outpatient', regionId: '', address: '', contactPerson: '', phone: '', email: '', website: '', openingHours: '', intakeCriteria: '' };

/** Add or edit one entry; what is typed autosaves as a draft (per entry) and survives a lock. */
function ServiceForm({ service, onSaved }: { service: Service | null; onSaved: () => Promise<void> }) {
  const { t } = useTranslation('directory');
  const tc = useTranslation('common').t;
  const errorText = useDirectoryErrorText();
  const [error, setError] = useState<string | null>(null);
  const regions = useReferenceOptions('region', [service?.regionId ?? null]);
  const types = useServiceTypeOptions();
  const initialValues: ServiceInput = service
    ? { name: service.name, type: service.type, regionId: service.regionId, address: service.address, contactPerson: service.contactPerson, phone: service.phone, email: service.email, website: service.website, openingHours: service.openingHours, intakeCriteria: service.intakeCriteria }
    : EMPTY;
  const { form, restoredAt, discard } = useDraftForm({ formKey: `directory:service:${service?.id ?? 'new'}`, schema: serviceForm, initialValues });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      if (service) await call('directory.update', { ...values, id: service.id });
      else await call('directory.create', values);
      await discard();
      await onSaved();
    } catch (e) {
      setError(errorText(e));
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={service ? t('edit') : t('add')}>
      <Stack gap="sm">
        <DraftNotice restoredAt={restoredAt} onDiscard={() => void discard()} />
        <TextInput label={t('fields.name')} required data-autofocus {...form.getInputProps('name')} />
        <Group grow align="flex-start">
          <Select label={t('fields.type')} required data={types} allowDeselect={false} searchable {...form.getInputProps('type')} />
          <Select label={t('fields.region')} required data={regions} allowDeselect={false} searchable {...form.getInputProps('regionId')} value={form.values.regionId || null} onChange={(v) => form.setFieldValue('regionId', v ?? '')} />
        </Group>
        <TextInput label={t('fields.address')} {...form.getInputProps('address')} />
        <Group grow align="flex-start">
          <TextInput label={t('fields.contactPerson')} {...form.getInputProps('contactPerson')} />
          <TextInput label={t('fields.phone')} type="tel" {...form.getInputProps('phone')} />
        </Group>
        <Group grow align="flex-start">
          <TextInput label={t('fields.email')} type="email" {...form.getInputProps('email')} />
          <TextInput label={t('fields.website')} {...form.getInputProps('website')} />
        </Group>
        <Textarea label={t('fields.openingHours')} autosize minRows={2} {...form.getInputProps('openingHours')} />
        <Textarea label={t('fields.intakeCriteria')} autosize minRows={2} {...form.getInputProps('intakeCriteria')} />
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Group justify="flex-end"><Button type="submit">{tc('save')}</Button></Group>
      </Stack>
    </form>
  );
}

export function ServiceSummary({ service }: { service: Pick<Service, 'address' | 'phone' | 'email' | 'openingHours' | 'intakeCriteria'> }) {
  return (
    <Paper withBorder p="xs">
      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>{[service.address, service.phone, service.email, service.openingHours, service.intakeCriteria].filter(Boolean).join('\n')}</Text>
    </Paper>
  );
}
