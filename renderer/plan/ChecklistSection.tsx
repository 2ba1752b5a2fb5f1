import { useState } from 'react';
import { Badge, Button, Checkbox, Group, Modal, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { checklistItemState, type ChecklistItemState } from '../../shared/plan';
import { checklistUpdateFieldsSchema, type ChecklistItem, type ChecklistItemKey } from '../../shared/schemas/plan';
import { call } from '../app/api';
import { localized } from '../app/validation';
import { useDraftForm } from '../drafts/useDraftForm';
import { DraftNotice } from '../drafts/DraftNotice';
import { formatDate } from '../clients/format';
import { usePlanErrorText, useRunChange, useRefreshPlan } from './planUi';
import { FormFooter } from '../app/FormFooter';

const STATE_COLORS: Record<ChecklistItemState, string> = { overdue: 'red', dueSoon: 'orange', open: 'gray', done: 'teal', notApplicable: 'gray' };
const STATE_TEXT: Record<ChecklistItemState, string> = { overdue: 'red.9', dueSoon: '#7a3300', open: 'gray.9', done: '#075e45', notApplicable: 'gray.9' };
const naForm = localized(checklistUpdateFieldsSchema);

/** The pre-release checklist: tick done, or mark "not applicable" with a reason. */
export function ChecklistSection({ clientId, items, today, readOnly }: { clientId: string; items: ChecklistItem[]; today: string; readOnly: boolean }) {
  const { t, i18n } = useTranslation('plan');
  const run = useRunChange(clientId);
  const [naFor, setNaFor] = useState<ChecklistItemKey | null>(null);

  const set = (item: ChecklistItem, status: ChecklistItem['status']) =>
    run(() => call('plan.setChecklistItem', { clientId, itemKey: item.key, status, note: item.note ?? '', notApplicableReason: item.notApplicableReason ?? '' }));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="checklist-title">
      <Title order={3} size="h4" id="checklist-title" mb="sm">{t('checklist.title')}</Title>
      <Stack gap={0} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((item) => {
          const state = checklistItemState(item, today);
          const label = t(`checklist.items.${item.key}`);
          return (
            <Group key={item.key} component="li" justify="space-between" wrap="nowrap" py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }} data-testid={`checklist-${item.key}`}>
              <Stack gap={2} style={{ flex: 1 }}>
                <Checkbox
                  label={label}
                  checked={item.status === 'done'}
                  disabled={readOnly || item.status === 'notApplicable'}
                  onChange={(e) => void set(item, e.currentTarget.checked ? 'done' : 'open')}
                  styles={{ label: { fontWeight: 500, textDecoration: item.status === 'notApplicable' ? 'line-through' : undefined } }}
                />
                <Text size="sm" c="dimmed" pl={32}>
                  {item.dueDate ? t('checklist.due', { date: formatDate(item.dueDate, i18n.language) }) : t('checklist.noDue')}
                  {item.status === 'notApplicable' && item.notApplicableReason && ` · ${t('checklist.naReason')}: ${item.notApplicableReason}`}
                  {item.note && ` · ${item.note}`}
                  {item.updatedByName && item.updatedAt && ` · ${t('checklist.changedBy', { name: item.updatedByName, time: new Date(item.updatedAt).toLocaleString(i18n.language) })}`}
                </Text>
              </Stack>
              <Group gap="xs" wrap="nowrap">
                <Badge color={STATE_COLORS[state]} variant="light" tt="none" c={STATE_TEXT[state]}>{t(`checklist.state.${state}`)}</Badge>
                {!readOnly && item.status !== 'notApplicable' && item.status !== 'done' && (
                  <Button size="xs" variant="subtle" onClick={() => setNaFor(item.key)} aria-label={`${t('checklist.markNotApplicable')} ${label}`}>
                    {t('checklist.markNotApplicable')}
                  </Button>
                )}
                {!readOnly && item.status === 'notApplicable' && (
                  <Button size="xs" variant="subtle" onClick={() => void set(item, 'open')}>{t('checklist.markApplicable')}</Button>
                )}
              </Group>
            </Group>
          );
        })}
      </Stack>
      {naFor && <NotApplicableDialog clientId={clientId} itemKey={naFor} onClose={() => setNaFor(null)} />}
    </Paper>
  );
}

function NotApplicableDialog({ clientId, itemKey, onClose }: { clientId: string; itemKey: ChecklistItemKey; onClose: () => void }) {
  const { t } = useTranslation('plan');
  const errorText = usePlanErrorText();
  const refresh = useRefreshPlan(clientId);
  const [error, setError] = useState<string | null>(null);
  const { form, restoredAt, discard } = useDraftForm({
    formKey: `plan:na:${clientId}:${itemKey}`,
    schema: naForm,
    initialValues: { itemKey, status: 'notApplicable' as const, note: '', notApplicableReason: '' },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await call('plan.setChecklistItem', { clientId, ...values, itemKey, status: 'notApplicable' });
      await discard();
      await refresh();
      onClose();
    } catch (e) {
      setError(errorText(e));
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('checklist.naTitle', { item: t(`checklist.items.${itemKey}`) })}>
      <form noValidate onSubmit={submit}>
        <Stack>
          <DraftNotice restoredAt={restoredAt} onDiscard={() => void discard()} />
          <TextInput label={t('checklist.naReason')} required data-autofocus {...form.getInputProps('notApplicableReason')} />
          <Textarea label={t('checklist.note')} autosize minRows={2} {...form.getInputProps('note')} />
          <FormFooter error={error} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
