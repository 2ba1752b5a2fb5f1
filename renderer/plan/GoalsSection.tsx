import { useState } from 'react';
import { ActionIcon, Badge, Button, Checkbox, Group, Modal, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  PLAN_DOMAINS,
  RESPONSIBLE_KINDS,
  goalFieldsSchema,
  taskFieldsSchema,
  taskStatusSchema,
  type PlanGoal,
  type PlanTask,
  type TaskStatus,
} from '../../shared/schemas/plan';
import { call } from '../app/api';
import { localized } from '../app/validation';
import { useDraftForm } from '../drafts/useDraftForm';
import { DraftNotice } from '../drafts/DraftNotice';
import { formatDate } from '../clients/format';
import { usePlanErrorText, useRefreshPlan, useRunChange } from './planUi';
import { DateField } from '../app/DateField';

const goalForm = localized(goalFieldsSchema);
const taskForm = localized(taskFieldsSchema);

/** Goals per domain, each with its tasks; add, reorder, complete and reopen. */
export function GoalsSection({ clientId, goals, today, readOnly }: { clientId: string; goals: PlanGoal[]; today: string; readOnly: boolean }) {
  const { t } = useTranslation(['plan', 'common']);
  const domains = PLAN_DOMAINS.filter((d) => goals.some((g) => g.domain === d));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="goals-title">
      <Title order={3} size="h4" id="goals-title" mb="sm">{t('goals.title')}</Title>
      <Stack gap="md">
        {!readOnly && <AddGoalForm clientId={clientId} />}
        {goals.length === 0 && <Text c="dimmed">{t('goals.empty')}</Text>}
        {domains.map((domain) => {
          const inDomain = goals.filter((g) => g.domain === domain);
          return (
            <Stack key={domain} gap="xs" component="section" aria-label={t(`domains.${domain}`)}>
              <Title order={4} size="h5" c="indigo.9">{t(`domains.${domain}`)}</Title>
              {inDomain.map((goal, i) => (
                <GoalCard key={goal.id} clientId={clientId} goal={goal} siblings={inDomain} index={i} today={today} readOnly={readOnly} />
              ))}
            </Stack>
          );
        })}
      </Stack>
    </Paper>
  );
}

function AddGoalForm({ clientId }: { clientId: string }) {
  const { t } = useTranslation(['plan', 'common']);
  const errorText = usePlanErrorText();
  const refresh = useRefreshPlan(clientId);
  const [error, setError] = useState<string | null>(null);
  const { form, restoredAt, discard } = useDraftForm({
    formKey: `plan:goal:${clientId}`,
    schema: goalForm,
    initialValues: { domain: 'housing' as PlanGoal['domain'], title: '' },
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await call('plan.addGoal', { clientId, ...values });
      await discard();
      form.setFieldValue('domain', values.domain); // the next goal is often in the same domain
      await refresh();
    } catch (e) {
      setError(errorText(e));
    }
  });
  return (
    <form noValidate onSubmit={submit} aria-label={t('goals.add')}>
      <Stack gap="xs">
        <DraftNotice restoredAt={restoredAt} onDiscard={() => void discard()} />
        <Group align="flex-end" wrap="wrap">
          <Select label={t('goals.domain')} data={PLAN_DOMAINS.map((d) => ({ value: d, label: t(`domains.${d}`) }))} allowDeselect={false} w={300} {...form.getInputProps('domain')} />
          <TextInput label={t('goals.goalTitle')} required style={{ flex: 1, minWidth: 240 }} {...form.getInputProps('title')} />
          <Button type="submit">{t('goals.add')}</Button>
        </Group>
        {error && <Text c="red.8" role="alert">{error}</Text>}
      </Stack>
    </form>
  );
}

function move<T>(list: T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item!);
  return copy;
}

function GoalCard({ clientId, goal, siblings, index, today, readOnly }: { clientId: string; goal: PlanGoal; siblings: PlanGoal[]; index: number; today: string; readOnly: boolean }) {
  const { t } = useTranslation(['plan', 'common']);
  const run = useRunChange(clientId);
  const [taskDialog, setTaskDialog] = useState<PlanTask | 'new' | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const reorder = (to: number) => run(() => call('plan.reorderGoals', { clientId, domain: goal.domain, goalIds: move(siblings, index, to).map((g) => g.id) }));
  const reorderTask = (from: number, to: number) => run(() => call('plan.reorderTasks', { clientId, goalId: goal.id, taskIds: move(goal.tasks, from, to).map((x) => x.id) }));

  return (
    <Paper withBorder p="sm" radius="md" bg={goal.status === 'achieved' ? 'gray.0' : undefined} data-testid="plan-goal">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="xs">
          <Text fw={600}>{goal.title}</Text>
          {goal.status === 'achieved' && <Badge color="teal" variant="light" c="#075e45" tt="none">{t('goalStatus.achieved')}</Badge>}
        </Group>
        {!readOnly && (
          <Group gap={4} wrap="nowrap">
            <ActionIcon variant="subtle" disabled={index === 0} onClick={() => void reorder(index - 1)} aria-label={t('goals.moveUp', { title: goal.title })}>↑</ActionIcon>
            <ActionIcon variant="subtle" disabled={index === siblings.length - 1} onClick={() => void reorder(index + 1)} aria-label={t('goals.moveDown', { title: goal.title })}>↓</ActionIcon>
            <Button size="xs" variant="default" onClick={() => void run(() => call('plan.updateGoal', { clientId, goalId: goal.id, status: goal.status === 'open' ? 'achieved' : 'open' }))}>
              {goal.status === 'open' ? t('goals.achieved') : t('goals.reopen')}
            </Button>
            <Button size="xs" variant="subtle" color="red" onClick={() => setConfirmRemove(true)}>{t('goals.remove')}</Button>
          </Group>
        )}
      </Group>
      <Stack gap={4} mt="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {goal.tasks.map((task, i) => (
          <TaskRow key={task.id} clientId={clientId} task={task} today={today} readOnly={readOnly} first={i === 0} last={i === goal.tasks.length - 1}
            onMove={(d) => void reorderTask(i, i + d)} onEdit={() => setTaskDialog(task)} />
        ))}
        {goal.tasks.length === 0 && <Text component="li" size="sm" c="dimmed">{t('tasks.none')}</Text>}
      </Stack>
      {!readOnly && (
        <Button size="xs" variant="light" mt="xs" onClick={() => setTaskDialog('new')} aria-label={t('tasks.addTo', { goal: goal.title })}>+ {t('tasks.add')}</Button>
      )}
      {taskDialog && <TaskDialog clientId={clientId} goal={goal} task={taskDialog === 'new' ? null : taskDialog} onClose={() => setTaskDialog(null)} />}
      <Modal opened={confirmRemove} onClose={() => setConfirmRemove(false)} title={t('goals.remove')}>
        <Stack>
          <Text>{t('goals.removeConfirm', { title: goal.title, count: goal.tasks.length })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmRemove(false)}>{t('common:cancel')}</Button>
            <Button color="red" onClick={() => void run(() => call('plan.removeGoal', { clientId, goalId: goal.id })).then(() => setConfirmRemove(false))}>{t('goals.remove')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function TaskRow({ clientId, task, today, readOnly, first, last, onMove, onEdit }: {
  clientId: string; task: PlanTask; today: string; readOnly: boolean; first: boolean; last: boolean; onMove: (delta: number) => void; onEdit: () => void;
}) {
  const { t, i18n } = useTranslation(['plan', 'common']);
  const run = useRunChange(clientId);
  const overdue = task.status !== 'done' && task.dueDate !== null && task.dueDate < today;
  const who = task.responsibleKind === 'service' && task.responsibleName ? task.responsibleName : t(`responsible.${task.responsibleKind}`);
  return (
    <Group component="li" justify="space-between" wrap="nowrap" data-testid="plan-task">
      <Group gap="sm" wrap="nowrap" style={{ flex: 1 }}>
        <Checkbox
          checked={task.status === 'done'}
          disabled={readOnly}
          aria-label={t('tasks.complete', { title: task.title })}
          onChange={(e) => void run(() => call('plan.setTaskStatus', { clientId, taskId: task.id, status: e.currentTarget.checked ? 'done' : 'open' }))}
        />
        <Stack gap={0}>
          <Text size="sm" td={task.status === 'done' ? 'line-through' : undefined}>{task.title}</Text>
          <Text size="xs" c={overdue ? 'red.9' : 'dimmed'}>
            {[task.dueDate ? formatDate(task.dueDate, i18n.language) : null, overdue ? t('tasks.overdue') : null, who, task.status === 'inProgress' ? t('taskStatus.inProgress') : null, task.updatedByName ? t('tasks.changedBy', { name: task.updatedByName }) : null]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Stack>
      </Group>
      {!readOnly && (
        <Group gap={4} wrap="nowrap">
          <ActionIcon size="sm" variant="subtle" disabled={first} onClick={() => onMove(-1)} aria-label={t('goals.moveUp', { title: task.title })}>↑</ActionIcon>
          <ActionIcon size="sm" variant="subtle" disabled={last} onClick={() => onMove(1)} aria-label={t('goals.moveDown', { title: task.title })}>↓</ActionIcon>
          <Button size="compact-xs" variant="subtle" onClick={onEdit}>{t('common:edit')}</Button>
        </Group>
      )}
    </Group>
  );
}

function TaskDialog({ clientId, goal, task, onClose }: { clientId: string; goal: PlanGoal; task: PlanTask | null; onClose: () => void }) {
  const { t } = useTranslation(['plan', 'common']);
  const errorText = usePlanErrorText();
  const refresh = useRefreshPlan(clientId);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<TaskStatus>(task?.status ?? 'open');
  const { form, restoredAt, discard } = useDraftForm({
    formKey: task ? `plan:task:${task.id}` : `plan:newTask:${goal.id}`,
    schema: taskForm,
    initialValues: {
      title: task?.title ?? '',
      dueDate: task?.dueDate ?? (null as string | null),
      responsibleKind: task?.responsibleKind ?? ('worker' as PlanTask['responsibleKind']),
      responsibleName: task?.responsibleName ?? '',
    },
  });
  const values = form.getValues();
  const submit = form.onSubmit(async (v) => {
    setError(null);
    try {
      if (task) {
        const changed = v.title !== task.title || v.dueDate !== task.dueDate || v.responsibleKind !== task.responsibleKind || v.responsibleName !== (task.responsibleName ?? '');
        if (changed) await call('plan.updateTask', { clientId, taskId: task.id, ...v });
        if (status !== task.status) await call('plan.setTaskStatus', { clientId, taskId: task.id, status });
      } else {
        await call('plan.addTask', { clientId, goalId: goal.id, ...v });
      }
      await discard();
      await refresh();
      onClose();
    } catch (e) {
      setError(errorText(e));
    }
  });
  const remove = async () => {
    if (!task) return;
    try {
      await call('plan.removeTask', { clientId, taskId: task.id });
      await discard();
      await refresh();
      onClose();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal opened onClose={onClose} title={task ? t('tasks.edit') : t('tasks.addTo', { goal: goal.title })} size="lg">
      <form noValidate onSubmit={submit} aria-label={task ? t('tasks.edit') : t('tasks.add')}>
        <Stack>
          <DraftNotice restoredAt={restoredAt} onDiscard={() => void discard()} />
          <TextInput label={t('tasks.title')} required data-autofocus {...form.getInputProps('title')} />
          <Group grow align="flex-start">
            <DateField label={t('tasks.dueDate')} {...form.getInputProps('dueDate')} emptyValue={null} value={values.dueDate} onChange={(v) => form.setFieldValue('dueDate', v)} />
            <Select label={t('tasks.responsibleKind')} data={RESPONSIBLE_KINDS.map((k) => ({ value: k, label: t(`responsible.${k}`) }))} allowDeselect={false} {...form.getInputProps('responsibleKind')} />
          </Group>
          <TextInput label={t('tasks.responsibleName')} required={values.responsibleKind === 'service'} {...form.getInputProps('responsibleName')} />
          {task && (
            <Select label={t('tasks.status')} data={taskStatusSchema.options.map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))} allowDeselect={false} value={status} onChange={(s) => s && setStatus(s as TaskStatus)} />
          )}
          {error && <Text c="red.8" role="alert">{error}</Text>}
          <Group justify="space-between">
            {task ? <Button variant="subtle" color="red" onClick={() => void remove()}>{t('tasks.remove')}</Button> : <span />}
            <Group>
              <Button variant="default" onClick={onClose}>{t('common:cancel')}</Button>
              <Button type="submit">{t('common:save')}</Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
