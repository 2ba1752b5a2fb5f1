import { Button, Fieldset, Group, NativeSelect, NumberInput, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { NEED_LEVELS, NOTES_MAX, type AssessmentContent, type FieldDef, type FieldValue, type SectionDef } from '../../shared/schemas/assessment';
import { useAssessmentLabels } from './labels';
import { DateField } from '../app/DateField';
import { lengthHint } from '../app/lengthHint';

export type EditorValues = { assessedOn: string; revision: number; content: AssessmentContent };
type Form = UseFormReturnType<EditorValues>;

const DATE_BOUNDS = { min: '1900-01-01', max: '2100-12-31' };

/** One declared field as the control that suits it; every control keeps "not answered" as null. */
function FieldControl({ form, path, sectionId, def, value }: { form: Form; path: string; sectionId: string; def: FieldDef; value: FieldValue | undefined }) {
  const { field, option, t } = useAssessmentLabels();
  const label = field(sectionId, def.id);
  const error = form.errors[path];
  const set = (v: FieldValue) => form.setFieldValue(path, v as never);
  switch (def.type) {
    case 'choice':
      return (
        <NativeSelect
          label={label}
          error={error}
          value={value === null || value === undefined ? '' : String(value)}
          onChange={(e) => set(e.currentTarget.value || null)}
          data={[{ value: '', label: t('notAnswered') }, ...def.options.map((o) => ({ value: o, label: option(sectionId, def.id, o) }))]}
        />
      );
    case 'date':
      return <DateField label={label} error={error} minDate={DATE_BOUNDS.min} maxDate={DATE_BOUNDS.max} emptyValue={null} value={value as string | null} onChange={set} />;
    case 'number':
      return (
        <NumberInput
          label={label}
          error={error}
          min={def.min}
          max={def.max}
          allowDecimal={false}
          // "-3" stays "-3" and is refused by the schema, rather than silently becoming 3 (or the limit).
          allowNegative
          clampBehavior="none"
          thousandSeparator={def.max >= 10_000 ? ' ' : undefined}
          value={value === null || value === undefined ? '' : Number(value)}
          onChange={(v) => set(v === '' || v === undefined ? null : Number(v))}
        />
      );
    case 'text':
      return def.long ? (
        <Textarea label={label} error={error} description={lengthHint(value as string, def.max)} autosize minRows={3} value={(value as string) ?? ''} onChange={(e) => set(e.currentTarget.value)} style={{ gridColumn: '1 / -1' }} />
      ) : (
        <TextInput label={label} error={error} description={lengthHint(value as string, def.max)} value={(value as string) ?? ''} onChange={(e) => set(e.currentTarget.value)} />
      );
  }
}

/** The need rating 0–3 as a radio group: arrow keys move, the words say what each level means. */
function NeedRating({ form, path, sectionId }: { form: Form; path: string; sectionId: string }) {
  const { t, need } = useAssessmentLabels();
  const value = form.getValues().content[sectionId]?.need as number | null | undefined;
  return (
    <Radio.Group
      label={t('need.label')}
      withAsterisk
      error={form.errors[path]}
      value={value === null || value === undefined ? '' : String(value)}
      onChange={(v) => form.setFieldValue(path, (v === '' ? null : Number(v)) as never)}
      data-path={path}
    >
      <Group gap="lg" mt={6}>
        {NEED_LEVELS.map((n) => (
          <Radio key={n} value={String(n)} label={need(n)} />
        ))}
      </Group>
    </Radio.Group>
  );
}

function SubstanceRows({ form, section }: { form: Form; section: SectionDef }) {
  const { t } = useAssessmentLabels();
  const rows = (form.getValues().content[section.id]?.rows ?? []) as Record<string, FieldValue>[];
  const rowsPath = `content.${section.id}.rows`;
  const blank = () => Object.fromEntries(section.rows!.fields.map((f) => [f.id, null]));
  return (
    <Stack gap="sm">
      {rows.length === 0 && <Text c="dimmed">{t('editor.noSubstances')}</Text>}
      {rows.map((row, i) => (
        <Fieldset key={i} legend={t('editor.substanceRow', { n: i + 1 })} p="sm">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="xs">
            {section.rows!.fields.map((def) => (
              <FieldControl key={def.id} form={form} path={`${rowsPath}.${i}.${def.id}`} sectionId={section.id} def={def} value={row[def.id]} />
            ))}
          </SimpleGrid>
          <Group justify="flex-end" mt="xs">
            <Button size="xs" variant="subtle" color="red" onClick={() => form.removeListItem(rowsPath, i)}>
              {t('editor.removeSubstance', { n: i + 1 })}
            </Button>
          </Group>
        </Fieldset>
      ))}
      {rows.length < section.rows!.max && (
        <Group>
          <Button size="xs" variant="light" onClick={() => form.insertListItem(rowsPath, blank())}>
            {t('editor.addSubstance')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** One section of the assessment form: its fields, its repeated rows, its need rating and notes. */
export function SectionForm({ form, section }: { form: Form; section: SectionDef }) {
  const { section: title, t } = useAssessmentLabels();
  const values = form.getValues().content[section.id] ?? {};
  const base = `content.${section.id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`section-${section.id}`} id={`assessment-${section.id}`}>
      <Title order={4} mb="sm" id={`section-${section.id}`} tabIndex={-1}>
        {title(section.id)}
      </Title>
      <Stack gap="sm">
        {section.rows && <SubstanceRows form={form} section={section} />}
        {section.fields.length > 0 && (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="xs">
            {section.fields.map((def) => (
              <FieldControl key={def.id} form={form} path={`${base}.${def.id}`} sectionId={section.id} def={def} value={values[def.id] as FieldValue | undefined} />
            ))}
          </SimpleGrid>
        )}
        {section.domain && <NeedRating form={form} path={`${base}.need`} sectionId={section.id} />}
        <Textarea label={t('notes')} description={lengthHint(String(values.notes ?? ''), NOTES_MAX)} autosize minRows={2} error={form.errors[`${base}.notes`]} {...form.getInputProps(`${base}.notes`)} />
      </Stack>
    </Paper>
  );
}
