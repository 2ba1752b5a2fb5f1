import { useState } from 'react';
import { Alert, Anchor, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../shared/api';
import { ASSESSMENT_SECTIONS, assessmentCompleteFormSchema, assessmentFormSchema, type Assessment } from '../../shared/schemas/assessment';
import { call } from '../app/api';
import { notify } from '../app/notify';
import { useDraftForm } from '../drafts/useDraftForm';
import { DraftNotice } from '../drafts/DraftNotice';
import { SectionForm, type EditorValues } from './AssessmentFields';
import { READABLE_ERRORS, formErrors, localizedSchema, useAssessmentErrorText, useAssessmentLabels } from './labels';
import { DateField } from '../app/DateField';

const formSchema = localizedSchema(assessmentFormSchema);
export const assessmentFormKey = (id: string) => `assessment:${id}`;

/** Moves focus to the first field with an error, so a keyboard user lands where the fix is needed. */
function focusFirstError(): void {
  window.setTimeout(() => {
    const invalid = document.querySelector<HTMLElement>('[aria-invalid="true"], [data-error] input, .mantine-InputWrapper-error');
    const target = invalid?.matches('input, textarea, select') ? invalid : invalid?.closest('.mantine-InputWrapper-root, [role="radiogroup"]')?.querySelector<HTMLElement>('input, textarea, select');
    (target ?? invalid)?.focus();
    (target ?? invalid)?.scrollIntoView({ block: 'center' });
  }, 0);
}

/**
 * Filling in an assessment in progress. Every keystroke autosaves as a draft (reload, crash and lock lose
 * nothing); "Save progress" writes it to the record; "Complete" checks every need rating and closes it.
 */
export function AssessmentEditor({ assessment, onBack, onCompleted }: { assessment: Assessment; onBack: () => void; onCompleted: () => void }) {
  const { t, section } = useAssessmentLabels();
  const errorText = useAssessmentErrorText();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [confirming, setConfirming] = useState<null | 'complete' | 'discard'>(null);
  const [busy, setBusy] = useState(false);
  const { form, restoredAt, discard } = useDraftForm<EditorValues>({
    formKey: assessmentFormKey(assessment.id),
    schema: formSchema,
    initialValues: { assessedOn: assessment.assessedOn, revision: assessment.revision, content: assessment.content },
  });

  const refresh = async (saved?: Assessment) => {
    if (saved) queryClient.setQueryData(['assessments.get', assessment.id], saved);
    await queryClient.invalidateQueries({ queryKey: ['assessments.list', assessment.clientId] });
  };

  const showServerError = (e: unknown) => {
    if (e instanceof ApiError && e.code === 'CONFLICT') {
      setConflict(true);
      return;
    }
    if (e instanceof ApiError && e.issues?.length) {
      form.setErrors(Object.fromEntries(e.issues.map((i) => [i.path, i.message])));
      focusFirstError();
    }
    setError(errorText(e));
  };

  const save = form.onSubmit(
    async (values) => {
      setError(null);
      setBusy(true);
      try {
        const saved = await call('assessments.save', { id: assessment.id, ...values });
        await discard();
        notify(t('editor.saved'));
        await refresh(saved);
      } catch (e) {
        showServerError(e);
      } finally {
        setBusy(false);
      }
    },
    () => focusFirstError(),
  );

  const tryComplete = () => {
    setError(null);
    const result = assessmentCompleteFormSchema.safeParse(form.getValues());
    if (!result.success) {
      const errors = formErrors(result.error);
      form.setErrors(errors);
      setError(t('editor.completeInvalid', { count: Object.keys(errors).length }));
      focusFirstError();
      return;
    }
    setConfirming('complete');
  };

  const complete = async () => {
    setConfirming(null);
    setBusy(true);
    try {
      const values = form.getValues();
      const done = await call('assessments.complete', { id: assessment.id, ...values });
      await discard();
      notify(t('editor.completed'));
      await refresh(done);
      onCompleted();
    } catch (e) {
      showServerError(e);
    } finally {
      setBusy(false);
    }
  };

  const discardAssessment = async () => {
    setConfirming(null);
    try {
      await call('assessments.discard', { id: assessment.id, revision: form.getValues().revision });
      await discard();
      notify(t('editor.discarded'));
      queryClient.removeQueries({ queryKey: ['assessments.get', assessment.id] });
      await refresh();
      onBack();
    } catch (e) {
      showServerError(e);
    }
  };

  const reload = async () => {
    await discard();
    setConflict(false);
    await queryClient.invalidateQueries({ queryKey: ['assessments.get', assessment.id] });
  };

  return (
    <form onSubmit={save} aria-label={t('editor.formLabel')} noValidate style={READABLE_ERRORS}>
      <Stack gap="md">
        <DraftNotice restoredAt={restoredAt} onDiscard={() => void discard()} />
        {conflict && (
          <Alert color="orange" role="alert">
            <Group justify="space-between">
              <Text>{t('editor.conflict')}</Text>
              <Button size="xs" variant="light" onClick={() => void reload()}>{t('editor.reload')}</Button>
            </Group>
          </Alert>
        )}
        <Paper withBorder p="md">
          <Group align="flex-end" justify="space-between">
            <DateField label={t('editor.date')} withAsterisk minDate="1990-01-01" maxDate="2100-12-31" {...form.getInputProps('assessedOn')} w={220} />
            <Text c="dimmed" size="sm">{t('editor.autosaved')}</Text>
          </Group>
          <Group component="nav" aria-label={t('editor.sectionsNav')} gap="xs" mt="sm" style={{ rowGap: 2 }}>
            {ASSESSMENT_SECTIONS.map((s) => (
              <Anchor key={s.id} href={`#assessment-${s.id}`} size="sm" onClick={(e) => { e.preventDefault(); document.getElementById(`assessment-${s.id}`)?.scrollIntoView(); document.getElementById(`section-${s.id}`)?.focus(); }}>
                {section(s.id)}
              </Anchor>
            ))}
          </Group>
        </Paper>
        {ASSESSMENT_SECTIONS.map((s) => (
          <SectionForm key={s.id} form={form} section={s} />
        ))}
        <Paper withBorder p="sm" pos="sticky" bottom={0} style={{ zIndex: 5 }} shadow="sm">
          <Stack gap="xs">
            {error && <Alert color="red" role="alert" py="xs">{error}</Alert>}
            <Group justify="space-between">
              <Button variant="subtle" color="red" onClick={() => setConfirming('discard')} disabled={busy}>{t('editor.discard')}</Button>
              <Group>
                <Button type="submit" variant="default" loading={busy}>{t('editor.save')}</Button>
                <Button onClick={tryComplete} disabled={busy}>{t('editor.complete')}</Button>
              </Group>
            </Group>
          </Stack>
        </Paper>
      </Stack>
      <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title={confirming === 'discard' ? t('editor.discard') : t('editor.complete')}>
        <Stack>
          <Text>{confirming === 'discard' ? t('editor.discardConfirm') : t('editor.completeConfirm')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>{t('common:cancel')}</Button>
            {confirming === 'discard' ? (
              <Button color="red" onClick={() => void discardAssessment()}>{t('editor.discard')}</Button>
            ) : (
              <Button onClick={() => void complete()} data-autofocus>{t('editor.complete')}</Button>
            )}
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}

/** Heading of an open assessment: kind and date, and who started or completed it. */
export function AssessmentHeading({ assessment }: { assessment: Assessment }) {
  const { t, language } = useAssessmentLabels();
  const date = (iso: string) => new Intl.DateTimeFormat(language, { day: 'numeric', month: 'numeric', year: 'numeric' }).format(new Date(iso));
  return (
    <Stack gap={2}>
      <Title order={3}>{t(`kinds.${assessment.kind}`)} · {date(`${assessment.assessedOn}T12:00:00`)}</Title>
      <Text size="sm" c="dimmed">
        {assessment.completedBy && assessment.completedAt
          ? t('view.completedBy', { name: assessment.completedBy.name, date: date(assessment.completedAt) })
          : t('view.startedBy', { name: assessment.author.name, date: date(assessment.createdAt) })}
      </Text>
    </Stack>
  );
}
