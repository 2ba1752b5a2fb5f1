import { useState } from 'react';
import { Button, Checkbox, Group, Modal, Paper, Select, Stack, Table, Text, TextInput, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  INFECTIOUS_DISEASES,
  OAT_MEDICATIONS,
  SERVICE_KINDS,
  TEST_RESULTS,
  serviceFieldsSchema,
  type ServiceEntry,
  type ServiceFields,
} from '../../shared/schemas/plan';
import { call } from '../app/api';
import { useClientSexContext } from '../clients/sexContext';
import { localized } from '../app/validation';
import { useDraftForm } from '../drafts/useDraftForm';
import { DraftNotice } from '../drafts/DraftNotice';
import { formatDate } from '../clients/format';
import { todayIso, usePlanErrorText, useRefreshPlan, useRunChange } from './planUi';
import { i18next, tData } from '../app/i18n';
import { FormFooter } from '../app/FormFooter';
import { DateField } from '../app/DateField';

const serviceForm = localized(serviceFieldsSchema);

function detailsOf(s: ServiceEntry): string {
  const t = i18next.t;
  const parts = [
    s.oatMedication && t(`plan:services.medications.${s.oatMedication}`),
    s.oatDose,
    s.prescriber,
    s.disease && t(`plan:services.diseases.${s.disease}`),
    s.testResult && t(`plan:services.results.${s.testResult}`),
    s.programme,
    s.attended === null ? null : s.attended ? t('plan:services.attendedYes') : t('plan:services.attendedNo'),
    s.note,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** The services log: what was delivered and when. */
export function ServicesSection({ clientId, readOnly }: { clientId: string; readOnly: boolean }) {
  const { t, i18n } = useTranslation(['plan', 'common']);
  const run = useRunChange(clientId);
  const services = useQuery({ queryKey: ['plan.listServices', clientId], queryFn: () => call('plan.listServices', { clientId }) });
  const [adding, setAdding] = useState(false);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="services-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4" id="services-title">{t('services.title')}</Title>
        {!readOnly && <Button size="xs" variant="light" onClick={() => setAdding(true)}>+ {t('services.add')}</Button>}
      </Group>
      {services.data?.length === 0 && <Text c="dimmed">{t('services.empty')}</Text>}
      {!!services.data?.length && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('services.deliveredOn')}</Table.Th>
              <Table.Th>{t('services.kind')}</Table.Th>
              <Table.Th>{t('services.details')}</Table.Th>
              {!readOnly && <Table.Th><VisuallyHidden>{t('services.remove')}</VisuallyHidden></Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {services.data.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{formatDate(s.deliveredOn, i18n.language)}</Table.Td>
                <Table.Td>{t(`services.kinds.${s.kind}`)}</Table.Td>
                <Table.Td>{detailsOf(s)}</Table.Td>
                {!readOnly && (
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => void run(() => call('plan.removeService', { clientId, serviceId: s.id }))} aria-label={`${t('services.remove')}: ${t(`services.kinds.${s.kind}`)} ${formatDate(s.deliveredOn, i18n.language)}`}>
                      {t('common:remove')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {adding && <ServiceDialog clientId={clientId} onClose={() => setAdding(false)} />}
    </Paper>
  );
}

function ServiceDialog({ clientId, onClose }: { clientId: string; onClose: () => void }) {
  const { t } = useTranslation(['plan', 'common']);
  const sex = useClientSexContext(clientId);
  const errorText = usePlanErrorText();
  const refresh = useRefreshPlan(clientId);
  const [error, setError] = useState<string | null>(null);
  const initialValues: ServiceFields = {
    kind: 'overdosePrevention', deliveredOn: todayIso(), oatMedication: null, oatDose: '', prescriber: '', disease: null, testResult: null, programme: '', attended: null, note: '',
  };
  const { form, restoredAt, discard } = useDraftForm({ formKey: `plan:service:${clientId}`, schema: serviceForm, initialValues });
  const v = form.getValues();
  const options = (values: readonly string[], prefix: string) => values.map((x) => ({ value: x, label: tData(`plan:${prefix}.${x}`) }));
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await call('plan.addService', { clientId, ...values });
      await discard();
      await refresh();
      onClose();
    } catch (e) {
      setError(errorText(e));
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('services.add')} size="lg">
      <form noValidate onSubmit={submit} aria-label={t('services.add')}>
        <Stack>
          <DraftNotice restoredAt={restoredAt} onDiscard={() => void discard()} />
          <Group grow align="flex-start">
            <Select label={t('services.kind')} data={options(SERVICE_KINDS, 'services.kinds')} allowDeselect={false} data-autofocus {...form.getInputProps('kind')} />
            <DateField label={t('services.deliveredOn')} required maxDate={todayIso()} {...form.getInputProps('deliveredOn')} />
          </Group>
          {v.kind === 'oatDose' && (
            <Group grow align="flex-start">
              <Select label={t('services.oatMedication')} required data={options(OAT_MEDICATIONS, 'services.medications')} {...form.getInputProps('oatMedication')} />
              <TextInput label={t('services.oatDose')} required {...form.getInputProps('oatDose')} />
              <TextInput label={t('services.prescriber')} required {...form.getInputProps('prescriber')} />
            </Group>
          )}
          {(v.kind === 'infectiousTest' || v.kind === 'infectiousTreatment') && (
            <Group grow align="flex-start">
              <Select label={t('services.disease')} required data={options(INFECTIOUS_DISEASES, 'services.diseases')} {...form.getInputProps('disease')} />
              {v.kind === 'infectiousTest' && <Select label={t('services.testResult')} required data={options(TEST_RESULTS, 'services.results')} {...form.getInputProps('testResult')} />}
            </Group>
          )}
          {v.kind === 'programmeSession' && (
            <Group grow align="flex-end">
              <TextInput label={t('services.programme')} required {...form.getInputProps('programme')} />
              <Checkbox label={t('services.attended', sex)} checked={v.attended === true} onChange={(e) => form.setFieldValue('attended', e.currentTarget.checked)} error={form.errors.attended} />
            </Group>
          )}
          <Textarea label={t('services.note')} autosize minRows={2} {...form.getInputProps('note')} />
          <FormFooter error={error} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
