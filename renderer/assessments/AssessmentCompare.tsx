import { Fragment, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Assessment } from '../../shared/schemas/assessment';
import type { FieldComparison, RowComparison } from '../../shared/assessments/compare';
import { call } from '../app/api';
import { formatDate } from '../clients/format';
import { useAssessmentErrorText, useAssessmentLabels } from './labels';

const CHANGED_STYLE = { background: 'var(--mantine-color-yellow-1)' };

/** Two assessments of a client side by side; changed fields highlighted and marked in words, not colour alone. */
export function AssessmentCompare({ beforeId, afterId, onSwap }: { beforeId: string; afterId: string; onSwap: () => void }) {
  const { t, section, field, value, option, language } = useAssessmentLabels();
  const errorText = useAssessmentErrorText();
  const [onlyChanges, setOnlyChanges] = useState(true);
  const result = useQuery({ queryKey: ['assessments.compare', beforeId, afterId], queryFn: () => call('assessments.compare', { beforeId, afterId }) });
  if (result.error) return <Alert color="red" role="alert">{errorText(result.error)}</Alert>;
  if (!result.data) return <Loader aria-label={t('common:loading')} />;
  const { before, after, comparison } = result.data;
  const heading = (a: Assessment) => `${t(`kinds.${a.kind}`)}, ${formatDate(a.assessedOn, language)}`;

  const fieldRow = (sectionId: string, f: FieldComparison, prefix = '') => (
    <Table.Tr key={prefix + f.fieldId} data-changed={f.changed || undefined} style={f.changed ? CHANGED_STYLE : undefined}>
      <Table.Th scope="row" fw={500}>
        <Group gap={6} wrap="nowrap">
          <span>{field(sectionId, f.fieldId)}</span>
          {f.changed && <Badge size="xs" variant="filled" color="yellow" c="dark.9" tt="none" style={{ flexShrink: 0 }}>{t('compare.changed')}</Badge>}
        </Group>
      </Table.Th>
      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{value(sectionId, f.fieldId, f.before)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'pre-wrap' }} fw={f.changed ? 600 : undefined}>{value(sectionId, f.fieldId, f.after)}</Table.Td>
    </Table.Tr>
  );

  const rowGroup = (sectionId: string, row: RowComparison, i: number) => {
    const fields = row.fields.filter((f) => !onlyChanges || (row.status === 'both' ? f.changed : f.before !== null || f.after !== null));
    const name = row.key ? option(sectionId, 'substance', row.key) : `#${i + 1}`;
    return (
      <Fragment key={`row-${i}`}>
        <Table.Tr style={row.status !== 'both' ? CHANGED_STYLE : undefined} data-changed={row.status !== 'both' || undefined}>
          <Table.Th colSpan={3} scope="rowgroup" bg="gray.1">
            <Group gap={6}>
              <span>{name}</span>
              {row.status !== 'both' && <Badge size="xs" variant="filled" color="yellow" c="dark.9" tt="none">{t(`compare.${row.status}`)}</Badge>}
            </Group>
          </Table.Th>
        </Table.Tr>
        {fields.map((f) => fieldRow(sectionId, f, `${i}-`))}
      </Fragment>
    );
  };

  const sections = comparison.sections.filter((s) => !onlyChanges || s.changedCount > 0);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={3}>{t('compare.title')}</Title>
          <Text fw={600} data-testid="compare-count">{comparison.changedCount ? t('compare.changes', { count: comparison.changedCount }) : t('compare.noChanges')}</Text>
        </Stack>
        <Group>
          <Switch label={t('compare.onlyChanges')} checked={onlyChanges} onChange={(e) => setOnlyChanges(e.currentTarget.checked)} />
          <Button variant="default" size="xs" onClick={onSwap}>{t('compare.swap')}</Button>
        </Group>
      </Group>
      {sections.map((s) => {
        const rows = s.rows.filter((r) => !onlyChanges || r.changed);
        const fields = s.fields.filter((f) => !onlyChanges || f.changed);
        return (
          <Paper key={s.sectionId} withBorder p="md" component="section" aria-labelledby={`cmp-${s.sectionId}`}>
            <Group justify="space-between" mb="xs">
              <Title order={4} id={`cmp-${s.sectionId}`}>{section(s.sectionId)}</Title>
              {s.changedCount > 0 && <Text size="sm" fw={600}>{t('compare.changes', { count: s.changedCount })}</Text>}
            </Group>
            <Table layout="fixed" withRowBorders aria-labelledby={`cmp-${s.sectionId}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="30%">{t('compare.field')}</Table.Th>
                  <Table.Th>{heading(before)}</Table.Th>
                  <Table.Th>{heading(after)}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r, i) => rowGroup(s.sectionId, r, i))}
                {fields.map((f) => fieldRow(s.sectionId, f))}
              </Table.Tbody>
            </Table>
          </Paper>
        );
      })}
      {sections.length === 0 && <Text c="dimmed">{t('compare.noChanges')}</Text>}
    </Stack>
  );
}
