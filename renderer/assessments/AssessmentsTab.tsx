import { useState } from 'react';
import { Alert, Badge, Button, Checkbox, Group, Loader, NativeSelect, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ASSESSMENT_KINDS, type AssessmentKind, type AssessmentSummary } from '../../shared/schemas/assessment';
import type { ClientTabProps } from '../clients/clientTabs';
import { call } from '../app/api';
import { formatDate } from '../clients/format';
import { AssessmentEditor, AssessmentHeading } from './AssessmentEditor';
import { AssessmentView } from './AssessmentView';
import { AssessmentCompare } from './AssessmentCompare';
import { READABLE_ERRORS, todayIso, useAssessmentErrorText, useAssessmentLabels } from './labels';
import { useTabView } from './useTabView';
import { DateField } from '../app/DateField';

type View = { kind: 'list' } | { kind: 'open'; id: string } | { kind: 'compare'; beforeId: string; afterId: string };

/** The Assessments tab of the client record: the list, one assessment (to fill in or read), or two compared. */
export function AssessmentsTab({ clientId, readOnly }: ClientTabProps) {
  const { t } = useAssessmentLabels();
  const [view, setView] = useTabView<View>('assessment', clientId, { kind: 'list' });
  const toList = () => setView({ kind: 'list' });
  const back = (
    <Group>
      <Button variant="subtle" px="xs" onClick={toList}>
        <span aria-hidden>←&nbsp;</span>
        {t('editor.back')}
      </Button>
    </Group>
  );
  if (view.kind === 'open') {
    return (
      <Stack gap="md">
        {back}
        <OpenAssessment id={view.id} readOnly={readOnly} onBack={toList} />
      </Stack>
    );
  }
  if (view.kind === 'compare') {
    return (
      <Stack gap="md">
        {back}
        <AssessmentCompare beforeId={view.beforeId} afterId={view.afterId} onSwap={() => setView({ kind: 'compare', beforeId: view.afterId, afterId: view.beforeId })} />
      </Stack>
    );
  }
  return <AssessmentList clientId={clientId} readOnly={readOnly} onOpen={(id) => setView({ kind: 'open', id })} onCompare={(beforeId, afterId) => setView({ kind: 'compare', beforeId, afterId })} />;
}

function OpenAssessment({ id, readOnly, onBack }: { id: string; readOnly: boolean; onBack: () => void }) {
  const { t } = useAssessmentLabels();
  const errorText = useAssessmentErrorText();
  const assessment = useQuery({ queryKey: ['assessments.get', id], queryFn: () => call('assessments.get', { id }) });
  if (assessment.error) return <Alert color="red" role="alert">{errorText(assessment.error)}</Alert>;
  if (!assessment.data) return <Loader aria-label={t('common:loading')} />;
  const a = assessment.data;
  const editable = a.status === 'inProgress' && !readOnly;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <AssessmentHeading assessment={a} />
        <StatusBadge status={a.status} />
      </Group>
      {readOnly && a.status === 'inProgress' && <Alert color="gray" variant="light">{t('editor.readOnly')}</Alert>}
      {/* The key remounts the form on a new revision, so it starts from what was saved. */}
      {editable ? <AssessmentEditor key={`${a.id}:${a.revision}`} assessment={a} onBack={onBack} onCompleted={() => window.scrollTo({ top: 0 })} /> : <AssessmentView assessment={a} />}
    </Stack>
  );
}

function StatusBadge({ status }: { status: AssessmentSummary['status'] }) {
  const { t } = useAssessmentLabels();
  const color = status === 'completed' ? 'teal' : 'blue';
  return <Badge variant="light" color={color} c="dark.9" tt="none">{t(`status.${status}`)}</Badge>;
}

function AssessmentList({ clientId, readOnly, onOpen, onCompare }: { clientId: string; readOnly: boolean; onOpen: (id: string) => void; onCompare: (beforeId: string, afterId: string) => void }) {
  const { t, language } = useAssessmentLabels();
  const errorText = useAssessmentErrorText();
  const list = useQuery({ queryKey: ['assessments.list', clientId], queryFn: () => call('assessments.list', { clientId }) });
  const [selected, setSelected] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  if (list.error) return <Alert color="red" role="alert">{errorText(list.error)}</Alert>;
  if (!list.data) return <Loader aria-label={t('common:loading')} />;
  const rows = list.data;

  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s.slice(-1), id]));
  const compare = () => {
    // older first: the comparison reads as "what changed since"
    const [a, b] = selected.map((id) => rows.find((r) => r.id === id)!).sort((x, y) => (x.assessedOn + x.createdAt).localeCompare(y.assessedOn + y.createdAt));
    if (a && b) onCompare(a.id, b.id);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>{t('list.title')}</Title>
        {!readOnly && !creating && <Button onClick={() => setCreating(true)}>{t('list.new')}</Button>}
      </Group>
      {creating && <NewAssessment clientId={clientId} existing={rows} onCancel={() => setCreating(false)} onCreated={onOpen} />}
      {rows.length === 0 ? (
        <Text c="dimmed">{t('list.empty')}</Text>
      ) : (
        <>
          <Group justify="space-between">
            <Text size="sm" c="dimmed">{t('list.compareHint')}</Text>
            <Button variant="default" disabled={selected.length !== 2} onClick={compare}>{t('list.compare')}</Button>
          </Group>
          <Table striped highlightOnHover aria-label={t('list.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}><VisuallyHidden>{t('list.compare')}</VisuallyHidden></Table.Th>
                <Table.Th>{t('list.kind')}</Table.Th>
                <Table.Th>{t('list.date')}</Table.Th>
                <Table.Th>{t('list.status')}</Table.Th>
                <Table.Th>{t('list.author')}</Table.Th>
                <Table.Th>{t('list.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((a) => {
                const name = `${t(`kinds.${a.kind}`)} ${formatDate(a.assessedOn, language)}`;
                return (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Checkbox aria-label={t('list.select', { name })} checked={selected.includes(a.id)} onChange={() => toggle(a.id)} />
                    </Table.Td>
                    <Table.Td>{t(`kinds.${a.kind}`)}</Table.Td>
                    <Table.Td>{formatDate(a.assessedOn, language)}</Table.Td>
                    <Table.Td><StatusBadge status={a.status} /></Table.Td>
                    <Table.Td>{a.author.name}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant={a.status === 'inProgress' && !readOnly ? 'filled' : 'default'} onClick={() => onOpen(a.id)} aria-label={`${a.status === 'inProgress' && !readOnly ? t('list.continue') : t('list.open')}: ${name}`}>
                        {a.status === 'inProgress' && !readOnly ? t('list.continue') : t('list.open')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

/** Starting an assessment: its kind and date, optionally prefilled from the latest one so a review records only change. */
function NewAssessment({ clientId, existing, onCancel, onCreated }: { clientId: string; existing: AssessmentSummary[]; onCancel: () => void; onCreated: (id: string) => void }) {
  const { t, language } = useAssessmentLabels();
  const errorText = useAssessmentErrorText();
  const queryClient = useQueryClient();
  const latest = existing.find((a) => a.status === 'completed') ?? existing[0];
  const [kind, setKind] = useState<AssessmentKind>(existing.some((a) => a.kind === 'intake') ? 'review' : 'intake');
  const [assessedOn, setAssessedOn] = useState(todayIso());
  const [prefill, setPrefill] = useState(Boolean(latest));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const created = await call('assessments.create', { clientId, kind, assessedOn, prefillFromId: prefill && latest ? latest.id : null });
      queryClient.setQueryData(['assessments.get', created.id], created);
      await queryClient.invalidateQueries({ queryKey: ['assessments.list', clientId] });
      onCreated(created.id);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={(e) => void start(e)} aria-label={t('create.title')} style={READABLE_ERRORS}>
        <Stack gap="sm">
          <Title order={4}>{t('create.title')}</Title>
          <Group align="flex-end">
            <NativeSelect label={t('create.kind')} value={kind} onChange={(e) => setKind(e.currentTarget.value as AssessmentKind)} data={ASSESSMENT_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} data-autofocus />
            <DateField label={t('create.date')} required value={assessedOn} maxDate={todayIso()} onChange={(v) => setAssessedOn(v ?? '')} />
          </Group>
          {latest && (
            <Checkbox
              label={t('create.prefill', { kind: t(`kinds.${latest.kind}`), date: formatDate(latest.assessedOn, language) })}
              checked={prefill}
              onChange={(e) => setPrefill(e.currentTarget.checked)}
            />
          )}
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>{t('common:cancel')}</Button>
            <Button type="submit" loading={busy}>{t('create.start')}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
