import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FOLLOW_UP_OUTCOMES, FOLLOW_UP_OUTCOME_FIELDS, followUpRecordFieldsSchema, type FollowUp, type FollowUpRecordFields, type FollowUpState } from '../../shared/schemas/followUp';
import { call } from '../app/api';
import { useClientSexContext } from '../clients/sexContext';
import { tData } from '../app/i18n';
import { localized } from '../app/validation';
import { notify } from '../app/notify';
import { useDraftForm } from '../drafts/useDraftForm';
import { DraftNotice } from '../drafts/DraftNotice';
import { formatDate } from '../clients/format';
import { todayIso, usePlanErrorText, useRefreshPlan } from '../plan/planUi';
import { FormFooter } from '../app/FormFooter';
import { DateField } from '../app/DateField';

const recordForm = localized(followUpRecordFieldsSchema);
const STATE_COLORS: Record<FollowUpState, string> = { recorded: 'teal', due: 'orange', upcoming: 'gray', missed: 'red' };
const STATE_TEXT: Record<FollowUpState, string> = { recorded: '#075e45', due: '#7a3300', upcoming: 'gray.9', missed: 'red.9' };

/** The follow-up schedule after release, each contact's state and outcome; missed ones stand out. */
export function FollowUpSection({ clientId, readOnly }: { clientId: string; readOnly: boolean }) {
  const { t, i18n } = useTranslation('plan');
  const sex = useClientSexContext(clientId);
  const errorText = usePlanErrorText();
  const schedule = useQuery({ queryKey: ['followUp.list', clientId], queryFn: () => call('followUp.list', { clientId }) });
  const [recording, setRecording] = useState<FollowUp | null>(null);
  if (schedule.error) return <Alert color="red" role="alert">{errorText(schedule.error)}</Alert>;
  const s = schedule.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="follow-up-title">
      <Title order={3} size="h4" id="follow-up-title" mb="sm">{t('followUp.title')}</Title>
      {s && !s.actualRelease && <Text c="dimmed">{t('followUp.notReleased')}</Text>}
      {s?.actualRelease && (
        <Stack gap="sm">
          <Text size="sm">{t('followUp.releasedOn', { date: formatDate(s.actualRelease, i18n.language), ...sex })}</Text>
          {s.missed > 0 && <Alert color="red" variant="light" role="alert" data-testid="missed-follow-ups">{t('followUp.missed', { count: s.missed })}</Alert>}
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('followUp.milestone')}</Table.Th>
                <Table.Th>{t('followUp.dueDate')}</Table.Th>
                <Table.Th>{t('followUp.state')}</Table.Th>
                <Table.Th>{t('followUp.outcome')}</Table.Th>
                {!readOnly && <Table.Th>{t('followUp.record')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.followUps.map((f) => (
                <Table.Tr key={f.milestone} data-testid={`follow-up-${f.milestone}`}>
                  <Table.Td fw={600}>{t(`followUp.milestones.${f.milestone}`)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(f.dueDate, i18n.language)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}><Badge color={STATE_COLORS[f.state]} style={{ overflow: 'visible' }} c={STATE_TEXT[f.state]} variant="light" tt="none">{t(`followUp.states.${f.state}`)}</Badge></Table.Td>
                  <Table.Td>
                    {f.record && (
                      <Text size="sm">
                        {formatDate(f.record.contactedOn, i18n.language)} · {f.record.reached ? t('followUp.reachedYes', sex) : t('followUp.reachedNo', sex)}
                        {FOLLOW_UP_OUTCOME_FIELDS.filter((k) => f.record![k] !== 'unknown').map((k) => ` · ${t(`followUp.fields.${k}`)}: ${tData(`plan:followUp.outcomes.${k}.${f.record![k]}`)}`).join('')}
                      </Text>
                    )}
                  </Table.Td>
                  {!readOnly && (
                    <Table.Td>
                      {f.state !== 'upcoming' && (
                        <Button size="compact-sm" variant={f.record ? 'subtle' : 'light'} onClick={() => setRecording(f)} aria-label={`${f.record ? t('followUp.correct') : t('followUp.record')}: ${t(`followUp.milestones.${f.milestone}`)}`}>
                          {f.record ? t('followUp.correct') : t('followUp.record')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
      {recording && s?.actualRelease && <RecordDialog clientId={clientId} followUp={recording} release={s.actualRelease} onClose={() => setRecording(null)} />}
    </Paper>
  );
}

function RecordDialog({ clientId, followUp, release, onClose }: { clientId: string; followUp: FollowUp; release: string; onClose: () => void }) {
  const { t } = useTranslation('plan');
  const sex = useClientSexContext(clientId);
  const errorText = usePlanErrorText();
  const refresh = useRefreshPlan(clientId);
  const [error, setError] = useState<string | null>(null);
  const r = followUp.record;
  const today = todayIso();
  const initialValues: FollowUpRecordFields = {
    milestone: followUp.milestone,
    reached: r?.reached ?? true,
    contactedOn: r?.contactedOn ?? (followUp.dueDate < today ? followUp.dueDate : today),
    housing: r?.housing ?? 'unknown',
    employment: r?.employment ?? 'unknown',
    substanceUse: r?.substanceUse ?? 'unknown',
    treatmentAttendance: r?.treatmentAttendance ?? 'unknown',
    rearrest: r?.rearrest ?? 'unknown',
    overdose: r?.overdose ?? 'unknown',
    note: r?.note ?? '',
  };
  const { form, restoredAt, discard } = useDraftForm({ formKey: `followUp:${clientId}:${followUp.milestone}`, schema: recordForm, initialValues });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await call('followUp.record', { clientId, ...values, milestone: followUp.milestone });
      await discard();
      notify(t('followUp.saved'));
      await refresh();
      onClose();
    } catch (e) {
      setError(errorText(e));
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('followUp.recordTitle', { milestone: t(`followUp.milestones.${followUp.milestone}`) })} size="lg">
      <form noValidate onSubmit={submit} aria-label={t('followUp.recordTitle', { milestone: t(`followUp.milestones.${followUp.milestone}`) })}>
        <Stack>
          <DraftNotice restoredAt={restoredAt} onDiscard={() => void discard()} />
          <Group grow align="flex-end">
            <DateField label={t('followUp.contactedOn')} required minDate={release} maxDate={today} data-autofocus {...form.getInputProps('contactedOn')} />
            <Checkbox label={t('followUp.reached', sex)} {...form.getInputProps('reached', { type: 'checkbox' })} />
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {FOLLOW_UP_OUTCOME_FIELDS.map((field) => (
              <Select
                key={field}
                label={t(`followUp.fields.${field}`)}
                data={FOLLOW_UP_OUTCOMES[field].options.map((o) => ({ value: o, label: tData(`plan:followUp.outcomes.${field}.${o}`) }))}
                allowDeselect={false}
                {...form.getInputProps(field)}
              />
            ))}
          </SimpleGrid>
          <Textarea label={t('followUp.note')} autosize minRows={2} {...form.getInputProps('note')} />
          <FormFooter error={error} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
