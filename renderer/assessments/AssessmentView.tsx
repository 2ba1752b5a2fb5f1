import { Badge, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ASSESSMENT_SECTIONS, type Assessment, type FieldValue } from '../../shared/schemas/assessment';
import { useAssessmentLabels } from './labels';

const NEED_COLOR = ['teal', 'yellow', 'orange', 'red'] as const;

/** A need rating as a badge: the colour is a hint, the words say the level. */
export function NeedBadge({ need }: { need: number | null | undefined }) {
  const { t, need: needText } = useAssessmentLabels();
  if (need === null || need === undefined) return <Badge variant="outline" color="gray" c="dark.9" tt="none">{t('need.notRated')}</Badge>;
  const color = NEED_COLOR[need] ?? 'gray';
  return <Badge variant="light" color={color} c="dark.9" tt="none">{needText(need)}</Badge>;
}

function Item({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="sm" c="dimmed">{label}</Text>
      <Text fw={500} style={{ whiteSpace: 'pre-wrap' }}>{value}</Text>
    </div>
  );
}

/** A completed (or read-only) assessment to read: the answered fields of every section, with the need rating. */
export function AssessmentView({ assessment }: { assessment: Assessment }) {
  const { section, field, value, t } = useAssessmentLabels();
  return (
    <Stack gap="md">
      {ASSESSMENT_SECTIONS.map((s) => {
        const values = assessment.content[s.id] ?? {};
        const answered = s.fields.filter((f) => values[f.id] !== null && values[f.id] !== '' && values[f.id] !== undefined);
        const rows = (values.rows ?? []) as Record<string, FieldValue>[];
        const notes = String(values.notes ?? '').trim();
        return (
          <Paper key={s.id} withBorder p="md" component="section" aria-labelledby={`view-${s.id}`}>
            <Stack gap="sm">
              <Title order={4} id={`view-${s.id}`}>{section(s.id)}</Title>
              {s.domain && (
                <div>
                  <Text size="sm" c="dimmed" span>{t('need.label')}: </Text>
                  <NeedBadge need={values.need as number | null} />
                </div>
              )}
              {rows.map((row, i) => (
                <Paper key={i} bg="gray.0" p="sm">
                  <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
                    {s.rows!.fields.filter((f) => row[f.id] !== null && row[f.id] !== undefined).map((f) => (
                      <Item key={f.id} label={field(s.id, f.id)} value={value(s.id, f.id, row[f.id])} />
                    ))}
                  </SimpleGrid>
                </Paper>
              ))}
              {answered.length > 0 && (
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
                  {answered.map((f) => (
                    <Item key={f.id} label={field(s.id, f.id)} value={value(s.id, f.id, values[f.id] as FieldValue)} />
                  ))}
                </SimpleGrid>
              )}
              {notes && <Item label={t('notes')} value={notes} />}
              {!answered.length && !rows.length && !notes && (
                <Text c="dimmed" size="sm">{s.domain && values.need !== null ? t('view.noDetails') : t('view.nothingAnswered')}</Text>
              )}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
