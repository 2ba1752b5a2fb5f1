import '@mantine/charts/styles.css';
import { useState } from 'react';
import { Alert, Button, Group, Loader, Modal, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { LineChart } from '@mantine/charts';
import { useQuery } from '@tanstack/react-query';
import { INSTRUMENTS, findInstrument, zonesFor, type InstrumentDefinition, type ScreenedSex } from '../../shared/instruments';
import type { Screening } from '../../shared/schemas/screening';
import type { Sex } from '../../shared/schemas/client';
import type { ClientTabProps } from '../clients/clientTabs';
import { call } from '../app/api';
import { formatDate } from '../clients/format';
import { ScreeningForm, ZoneBadge, useLocalized } from './ScreeningForm';
import { useAssessmentErrorText, useAssessmentLabels } from './labels';
import { useTabView } from './useTabView';

type View = { kind: 'list' } | { kind: 'administer'; instrumentId: string };

const ZONE_FILL = ['teal', 'yellow', 'orange', 'red'] as const;

/** The client record's sex as the instruments' cut-offs distinguish it. */
function screenedSex(sex: Sex | undefined): ScreenedSex {
  return sex === 'male' || sex === 'female' ? sex : 'unknown';
}

/** The Screening tab: administer an instrument, see each result with its zone, and the scores over time. */
export function ScreeningTab({ clientId, readOnly }: ClientTabProps) {
  const { t, language } = useAssessmentLabels();
  const errorText = useAssessmentErrorText();
  const [view, setView] = useTabView<View>('screening', clientId, { kind: 'list' });
  const client = useQuery({ queryKey: ['clients.get', clientId], queryFn: () => call('clients.get', { id: clientId }) });
  const results = useQuery({ queryKey: ['screenings.list', clientId], queryFn: () => call('screenings.list', { clientId }) });
  const administering = view.kind === 'administer' ? findInstrument(view.instrumentId) : undefined;
  const [reading, setReading] = useState<Screening | null>(null);

  if (administering && !readOnly) {
    if (!client.data) return <Loader aria-label={t('common:loading')} />;
    return (
      <Stack gap="md">
        <Group>
          <Button variant="subtle" px="xs" onClick={() => setView({ kind: 'list' })}>
            <span aria-hidden>←&nbsp;</span>
            {t('screening.form.back')}
          </Button>
        </Group>
        <ScreeningForm clientId={clientId} def={administering} clientSex={screenedSex(client.data.sex)} onDone={() => setView({ kind: 'list' })} />
      </Stack>
    );
  }

  if (results.error) return <Alert color="red" role="alert">{errorText(results.error)}</Alert>;
  if (!results.data) return <Loader aria-label={t('common:loading')} />;
  const list = results.data;
  const charted = INSTRUMENTS.filter((def) => list.some((r) => r.instrumentId === def.id));

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>{t('screening.title')}</Title>
        {!readOnly && (
          <Group gap="xs">
            {INSTRUMENTS.map((def) => (
              <Button key={def.id} onClick={() => setView({ kind: 'administer', instrumentId: def.id })}>
                {t('screening.administer', { name: def.shortName })}
              </Button>
            ))}
          </Group>
        )}
      </Group>
      {list.length === 0 ? (
        <Text c="dimmed">{t('screening.empty')}</Text>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, md: Math.min(charted.length, 2) }}>
            {charted.map((def) => (
              <ScoreChart key={def.id} def={def} results={list.filter((r) => r.instrumentId === def.id)} />
            ))}
          </SimpleGrid>
          <Table striped aria-label={t('screening.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('screening.date')}</Table.Th>
                <Table.Th>{t('screening.instrument')}</Table.Th>
                <Table.Th>{t('screening.score')}</Table.Th>
                <Table.Th>{t('screening.zone')}</Table.Th>
                <Table.Th>{t('screening.author')}</Table.Th>
                <Table.Th>{t('screening.answers.column')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...list].reverse().map((r) => {
                const def = findInstrument(r.instrumentId);
                const zone = def ? (zonesFor(def, r.sex) ?? def.zoneSets[0]!.zones).find((z) => z.id === r.zoneId) ?? null : null;
                return (
                  <Table.Tr key={r.id}>
                    <Table.Td>{formatDate(r.administeredOn, language)}</Table.Td>
                    <Table.Td>{def?.shortName ?? r.instrumentId}</Table.Td>
                    <Table.Td fw={600}>{t('screening.scoreOf', { total: r.total, max: def?.range.max ?? '?' })}</Table.Td>
                    <Table.Td><ZoneBadge zone={zone} size="sm" /></Table.Td>
                    <Table.Td>{r.author.name}</Table.Td>
                    <Table.Td>
                      <Button size="compact-sm" variant="light" onClick={() => setReading(r)} aria-label={t('screening.answers.openNamed', { name: def?.shortName ?? r.instrumentId, date: formatDate(r.administeredOn, language) })}>
                        {t('screening.answers.open')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </>
      )}
      <Modal opened={reading !== null} onClose={() => setReading(null)} size="xl" closeButtonProps={{ 'aria-label': t('common:close') }} title={reading ? t('screening.answers.title', { name: findInstrument(reading.instrumentId)?.shortName ?? reading.instrumentId, date: formatDate(reading.administeredOn, language) }) : ''}>
        {reading && <ScreeningAnswers result={reading} />}
      </Modal>
    </Stack>
  );
}

/** A recorded result to read: every question with the answer given and its points, then the note. */
function ScreeningAnswers({ result }: { result: Screening }) {
  const { t } = useAssessmentLabels();
  const text = useLocalized();
  const def = findInstrument(result.instrumentId);
  if (!def) return <Text>{t('screening.scoreOf', { total: result.total, max: '?' })}</Text>;
  return (
    <Stack gap="sm" data-testid="screening-answers">
      <Table striped aria-label={t('screening.answers.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('screening.answers.question')}</Table.Th>
            <Table.Th>{t('screening.answers.answer')}</Table.Th>
            <Table.Th ta="right">{t('screening.answers.points')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {def.items.map((item, i) => {
            const option = item.options.find((o) => o.id === result.answers[item.id]);
            return (
              <Table.Tr key={item.id}>
                <Table.Td>{i + 1}. {text(item.text)}</Table.Td>
                <Table.Td fw={500}>{option ? text(option.label) : t('notAnswered')}</Table.Td>
                <Table.Td ta="right">{option?.score ?? '—'}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Text fw={600}>{t('screening.scoreOf', { total: result.total, max: def.range.max })}</Text>
      {result.notes && <Text style={{ whiteSpace: 'pre-wrap' }}>{result.notes}</Text>}
    </Stack>
  );
}

/** One instrument's totals over time, the published zones shaded behind the line. */
function ScoreChart({ def, results }: { def: InstrumentDefinition; results: Screening[] }) {
  const { t, language } = useAssessmentLabels();
  const text = useLocalized();
  const latestSex = results[results.length - 1]?.sex ?? 'unknown';
  const zones = zonesFor(def, latestSex) ?? def.zoneSets[0]!.zones;
  const data = results.map((r) => ({ date: formatDate(r.administeredOn, language), total: r.total }));
  return (
    <Paper withBorder p="md" component="figure" m={0} aria-label={t('screening.chartLabel', { name: def.shortName })}>
      <Text component="figcaption" fw={600} mb="xs">{t('screening.chartTitle', { name: def.shortName })}</Text>
      <LineChart
        h={180}
        data={data}
        dataKey="date"
        series={[{ name: 'total', label: def.shortName, color: 'indigo.8' }]}
        yAxisProps={{ domain: [def.range.min, def.range.max] }}
        // Bands reach half a point beyond each end so that the integer zones meet without gaps.
        referenceAreas={zones.map((z) => ({
          y1: Math.max(def.range.min, z.min - 0.5),
          y2: Math.min(def.range.max, z.max + 0.5),
          color: ZONE_FILL[z.severity] ?? 'gray',
          fillOpacity: 0.15,
          strokeOpacity: 0,
          ifOverflow: 'hidden' as const,
        }))}
        curveType="linear"
        withDots
        tooltipAnimationDuration={0}
        lineChartProps={{ accessibilityLayer: false }}
        valueFormatter={(v) => `${v}`}
      />
      <Text size="xs" c="dimmed" mt={4}>
        {zones.map((z) => `${z.min}–${z.max}: ${text(z.label)}`).join(' · ')}
      </Text>
    </Paper>
  );
}
