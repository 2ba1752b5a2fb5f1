import { useEffect, useState, type KeyboardEvent } from 'react';
import { Alert, Badge, Button, Group, Paper, Radio, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { scoreInstrument, zonesDependOnSex, type InstrumentDefinition, type InstrumentZone, type LocalizedText, type ScreenedSex } from '../../shared/instruments';
import { screeningRecordSchema } from '../../shared/schemas/screening';
import type { Language } from '../../shared/i18n';
import { ApiError } from '../../shared/api';
import { call } from '../app/api';
import { notify } from '../app/notify';
import { useDraftForm } from '../drafts/useDraftForm';
import { DraftNotice } from '../drafts/DraftNotice';
import { READABLE_ERRORS, formErrors, localizedSchema, todayIso, useAssessmentErrorText, useAssessmentLabels } from './labels';
import { DateField } from '../app/DateField';
import { lengthHint } from '../app/lengthHint';

type Values = { clientId: string; instrumentId: string; administeredOn: string; sex: ScreenedSex; answers: Record<string, string>; notes: string };

const ZONE_COLOR = ['teal', 'yellow', 'orange', 'red'] as const;

/** The instrument's own text in the UI language (definitions carry Czech and English). */
export function useLocalized(): (text: LocalizedText) => string {
  const { language } = useAssessmentLabels();
  return (text) => text[(language as Language) in text ? (language as Language) : 'en'];
}

/** A zone as a badge: colour by severity as a hint, the zone's name in words. */
export function ZoneBadge({ zone, size = 'md' }: { zone: InstrumentZone | null; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useAssessmentLabels();
  const text = useLocalized();
  if (!zone) return <Badge variant="outline" color="gray" c="dark.9" size={size} tt="none">{t('screening.zoneUnknown')}</Badge>;
  const color = ZONE_COLOR[zone.severity] ?? 'gray';
  // Dark text on the light tint: readable at any severity; the tint is a hint, the words say the zone.
  return (
    <Badge variant="light" color={color} c="dark.9" size={size} tt="none" radius="sm" styles={{ root: { height: 'auto', paddingBlock: 3 }, label: { whiteSpace: 'normal', overflow: 'visible' } }}>
      {text(zone.label)}
    </Badge>
  );
}

/**
 * Administering an instrument item by item. Each item is a radio group (arrow keys), and a digit picks the
 * n-th answer and moves to the next item, so the whole test can be entered from the keyboard. The total and
 * the published zone update beside the questions as answers come in.
 */
export function ScreeningForm({ clientId, def, clientSex, onDone }: { clientId: string; def: InstrumentDefinition; clientSex: ScreenedSex; onDone: () => void }) {
  const { t } = useAssessmentLabels();
  const text = useLocalized();
  const errorText = useAssessmentErrorText();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bySex = zonesDependOnSex(def);
  const { form, restoredAt, discard } = useDraftForm<Values>({
    formKey: `screening:${clientId}:${def.id}`,
    schema: localizedSchema(screeningRecordSchema),
    initialValues: { clientId, instrumentId: def.id, administeredOn: todayIso(), sex: clientSex, answers: {}, notes: '' },
  });
  const values = form.getValues();
  const score = scoreInstrument(def, values.answers, values.sex);
  const answered = def.items.length - score.missingItemIds.length;
  const maxOptions = Math.max(...def.items.map((i) => i.options.length));

  const choose = (itemId: string, optionId: string) => {
    form.setFieldValue('answers', { ...form.getValues().answers, [itemId]: optionId });
    form.clearFieldError(`answers.${itemId}`);
  };

  // The form opens with the cursor in the first question (the date is already today), not on the page body.
  useEffect(() => {
    document.getElementById(`item-${def.items[0]?.id ?? ''}`)?.querySelector<HTMLInputElement>('input')?.focus();
  }, [def]);

  /** Digits 1–n answer the focused item and move on to the next one. */
  const onItemKey = (e: KeyboardEvent<HTMLDivElement>, index: number) => {
    const item = def.items[index]!;
    const n = Number(e.key);
    if (!/^[1-9]$/.test(e.key) || n > item.options.length || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    choose(item.id, item.options[n - 1]!.id);
    const next = document.getElementById(`item-${def.items[index + 1]?.id ?? ''}`);
    const target = next?.querySelector<HTMLInputElement>('input:checked') ?? next?.querySelector<HTMLInputElement>('input');
    (target ?? document.getElementById('screening-save'))?.focus();
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const parsed = screeningRecordSchema.safeParse(form.getValues());
    if (!parsed.success) {
      form.setErrors(formErrors(parsed.error));
      if (score.missingItemIds.length) {
        setError(t('screening.form.incomplete', { missing: score.missingItemIds.length }));
        document.getElementById(`item-${score.missingItemIds[0]}`)?.querySelector<HTMLInputElement>('input')?.focus();
      }
      return;
    }
    setBusy(true);
    try {
      const saved = await call('screenings.record', parsed.data);
      // The result is stored: dropping its draft and refetching the list need not wait for each other.
      await Promise.all([discard(), queryClient.invalidateQueries({ queryKey: ['screenings.list', clientId] })]);
      notify(t('screening.form.saved', { name: def.shortName, count: saved.total }));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.issues) form.setErrors(Object.fromEntries(err.issues.map((i) => [i.path, i.message])));
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={def.shortName} noValidate style={READABLE_ERRORS}>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={3}>{text(def.name)}</Title>
          {def.instructions && <Text>{text(def.instructions)}</Text>}
          <Text size="sm" c="dimmed">{t('screening.form.keyboardHint', { max: maxOptions })}</Text>
        </Stack>
        <DraftNotice restoredAt={restoredAt} onDiscard={() => void discard()} />
        <Group align="flex-start" wrap="nowrap" gap="md">
          <Stack gap="sm" style={{ flex: 1, minWidth: 0 }}>
            <Paper withBorder p="md">
              <Group align="flex-end" gap="lg">
                <DateField label={t('screening.form.date')} withAsterisk minDate="1990-01-01" maxDate={todayIso()} {...form.getInputProps('administeredOn')} w={200} />
                {bySex && (
                  <Stack gap={4}>
                    <Text size="sm" fw={500} id="screening-sex-label">{t('screening.form.sex')}</Text>
                    <SegmentedControl
                      aria-labelledby="screening-sex-label"
                      value={values.sex}
                      onChange={(v) => form.setFieldValue('sex', v as ScreenedSex)}
                      data={(['male', 'female', 'unknown'] as const).map((s) => ({ value: s, label: t(`screening.form.sexes.${s}`) }))}
                    />
                    <Text size="xs" c="dimmed">{t('screening.form.sexHint')}</Text>
                  </Stack>
                )}
              </Group>
            </Paper>
            {def.items.map((item, index) => (
              <Paper key={item.id} withBorder p="md" id={`item-${item.id}`} onKeyDown={(e) => onItemKey(e, index)}>
                <Radio.Group
                  label={`${index + 1}. ${text(item.text)}`}
                  withAsterisk
                  error={form.errors[`answers.${item.id}`]}
                  value={values.answers[item.id] ?? ''}
                  onChange={(v) => choose(item.id, v)}
                  styles={{ label: { fontSize: 'var(--mantine-font-size-md)', marginBottom: 6 } }}
                >
                  <Stack gap={6} mt={4}>
                    {item.options.map((option, i) => (
                      <Radio
                        key={option.id}
                        value={option.id}
                        label={
                          <Group gap={8} wrap="nowrap">
                            <Text span size="sm" c="dimmed" ff="monospace" aria-hidden>{i + 1}</Text>
                            <span>{text(option.label)}</span>
                            <Text span size="sm" c="dimmed">({option.score})</Text>
                          </Group>
                        }
                      />
                    ))}
                  </Stack>
                </Radio.Group>
              </Paper>
            ))}
            <Textarea label={t('screening.form.notes')} description={lengthHint(values.notes, 2000)} autosize minRows={2} {...form.getInputProps('notes')} />
            <Text size="xs" c="dimmed">
              {t('screening.form.source')}: {def.source.citation}
              {/* Plain text: the app is offline and never navigates away. */}
              {def.source.url && ` ${def.source.url}`}
            </Text>
          </Stack>
          <Paper withBorder p="md" w={260} pos="sticky" top={70}>
            <Stack gap="xs">
              <Stack gap="xs" aria-live="polite" data-testid="screening-score">
                <Text size="sm" c="dimmed">{t('screening.form.total')}</Text>
                <Text fz={36} fw={700} lh={1}>
                  {score.total}
                  <Text span size="md" c="dimmed" fw={400}> / {def.range.max}</Text>
                </Text>
                {answered < def.items.length ? (
                  // A partial sum is no risk level: no zone until every question is answered.
                  <Text size="sm" fw={600} data-testid="screening-incomplete">{t('screening.form.incompleteStatus', { answered, total: def.items.length })}</Text>
                ) : (
                  <Text size="sm">{t('screening.form.answered', { answered, total: def.items.length })}</Text>
                )}
                {answered === def.items.length && <ZoneBadge zone={score.zone} size="lg" />}
                {score.zone?.advice && <Text size="sm">{text(score.zone.advice)}</Text>}
              </Stack>
              {error && <Alert color="red" role="alert" p="xs">{error}</Alert>}
              <Group gap="xs">
                <Button type="submit" id="screening-save" loading={busy}>{t('screening.form.save')}</Button>
                <Button variant="default" onClick={onDone}>{t('screening.form.back')}</Button>
              </Group>
            </Stack>
          </Paper>
        </Group>
      </Stack>
    </form>
  );
}
