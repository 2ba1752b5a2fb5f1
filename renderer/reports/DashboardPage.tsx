import '@mantine/charts/styles.css';
import { useState } from 'react';
import { Alert, Button, Group, Loader, Modal, Paper, Progress, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { DateField } from '../app/DateField';
import { BarChart } from '@mantine/charts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../shared/schemas/user';
import type { Dashboard, IndicatorValue } from '../../shared/reports/schemas';
import type { IndicatorId } from '../../shared/reports/indicators';
import { call } from '../app/api';
import { tData, useErrorText } from '../app/i18n';
import { notify } from '../app/notify';
import { formatDate } from '../clients/format';
import { openClient } from '../clients/clientNavigation';
import { base64ToBytes, saveDownload } from '../directory/directoryUi';
import { localToday, periodOf, type PeriodPreset } from './reportPeriod';

type Query = { from: string; to: string; prisonId?: string; regionId?: string; workerId?: string };
type Drill = { indicatorId: IndicatorId; part: 'numerator' | 'denominator'; category?: string; label: string };
type Split = 'none' | 'prison' | 'region';

const percent = (n: number, d: number) => (d === 0 ? null : Math.round((100 * n) / d));
const OUTCOME_FIELDS = ['housing', 'employment', 'substanceUse', 'treatmentAttendance', 'rearrest', 'overdose'] as const;

/**
 * The outcome dashboard (SPEC W13): every indicator of shared/reports with its numerator, denominator and rule,
 * one call per screen. Admins open the clients behind a number; evaluators see numbers only.
 */
export function DashboardPage({ user }: { user: SessionUser }) {
  const { t, i18n } = useTranslation('reports');
  const errorText = useErrorText('reports');
  const [query, setQuery] = useState<Query>(() => periodOf('lastQuarter', localToday()));
  const [draft, setDraft] = useState(query);
  const [split, setSplit] = useState<Split>('none');
  const [drill, setDrill] = useState<Drill | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const dashboard = useQuery({ queryKey: ['reports.dashboard', query], queryFn: () => call('reports.dashboard', query) });
  const d = dashboard.data;

  const setFilter = (key: 'prisonId' | 'regionId' | 'workerId', value: string | null) => setQuery((q) => ({ ...q, [key]: value ?? undefined }));
  const preset = (p: PeriodPreset) => {
    const next = periodOf(p, localToday());
    setDraft(next);
    setQuery((q) => ({ ...q, ...next }));
  };
  const run = async (name: string, fn: () => Promise<void>) => {
    setBusy(name);
    try {
      await fn();
    } catch (e) {
      notify(errorText(e), 'red');
    } finally {
      setBusy(null);
    }
  };
  const print = () =>
    run('print', async () => {
      const pdf = await call('reports.print', { ...query, language: i18n.language === 'en' ? 'en' : 'cs' });
      saveDownload(pdf.fileName, base64ToBytes(pdf.pdfBase64), 'application/pdf');
      notify(t('printed', { pages: pdf.pages }));
    });
  const exportCsv = () =>
    run('export', async () => {
      const out = await call('reports.export', { from: query.from, to: query.to });
      saveDownload(out.perClient.fileName, out.perClient.csv, 'text/csv;charset=utf-8');
      saveDownload(out.perPeriod.fileName, out.perPeriod.csv, 'text/csv;charset=utf-8');
      notify(t('exported', { rows: out.perClient.rows }));
    });
  const bundle = () =>
    run('bundle', async () => {
      const file = await call('reports.bundle', { from: query.from, to: query.to });
      saveDownload(file.fileName, base64ToBytes(file.fileBase64), 'application/json');
      notify(t('bundled'));
    });

  const option = (list: { id: string; name: string }[]) => list.map((x) => ({ value: x.id, label: x.name }));
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('title')}</Title>
        <Group>
          <Button variant="light" onClick={print} loading={busy === 'print'} disabled={!d}>{t('print')}</Button>
          <Button variant="light" onClick={exportCsv} loading={busy === 'export'} disabled={!d}>{t('export')}</Button>
          {user.role === 'admin' && <Button variant="light" onClick={bundle} loading={busy === 'bundle'} disabled={!d}>{t('bundle')}</Button>}
        </Group>
      </Group>
      <Paper withBorder p="sm">
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('period.preset')}
            w={190}
            data={(['lastQuarter', 'thisYear', 'last12'] as const).map((p) => ({ value: p, label: t(`period.${p}`) }))}
            onChange={(v) => v && preset(v as PeriodPreset)}
            placeholder={t('period.lastQuarter')}
          />
          <DateField label={t('period.from')} value={draft.from} onChange={(v) => setDraft({ ...draft, from: v ?? '' })} />
          <DateField label={t('period.to')} value={draft.to} onChange={(v) => setDraft({ ...draft, to: v ?? '' })} />
          <Button onClick={() => setQuery((q) => ({ ...q, from: draft.from, to: draft.to }))}>{t('period.apply')}</Button>
          <Select label={t('filter.prison')} w={210} clearable placeholder={t('filter.all')} data={option(d?.prisons ?? [])} value={query.prisonId ?? null} onChange={(v) => setFilter('prisonId', v)} />
          <Select label={t('filter.region')} w={200} clearable placeholder={t('filter.all')} data={option(d?.regions ?? [])} value={query.regionId ?? null} onChange={(v) => setFilter('regionId', v)} />
          <Select label={t('filter.worker')} w={200} clearable placeholder={t('filter.all')} data={option(d?.workers ?? [])} value={query.workerId ?? null} onChange={(v) => setFilter('workerId', v)} />
        </Group>
      </Paper>
      {dashboard.error && <Alert color="red">{errorText(dashboard.error)}</Alert>}
      {!d && !dashboard.error && <Group><Loader size="sm" /><Text>{t('loading')}</Text></Group>}
      {d && (
        <>
          {!d.mayListClients && <Text c="dimmed">{t('evaluatorNote')}</Text>}
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            {d.indicators.filter((i) => i.kind === 'distribution').map((i) => (
              <DistributionCard key={i.id} indicator={i} dashboard={d} onDrill={setDrill} />
            ))}
          </SimpleGrid>
          <Group justify="flex-end">
            <Text size="sm" id="split-label">{t('splitBy.label')}</Text>
            <SegmentedControl
              aria-labelledby="split-label"
              value={split}
              onChange={(v) => setSplit(v as Split)}
              data={(['none', 'prison', 'region'] as const).map((s) => ({ value: s, label: t(`splitBy.${s}`) }))}
            />
          </Group>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {d.indicators.filter((i) => i.kind === 'share').map((i) => (
              <ShareCard key={i.id} indicator={i} dashboard={d} split={split} onDrill={setDrill} />
            ))}
          </SimpleGrid>
        </>
      )}
      <Modal opened={drill !== null} onClose={() => setDrill(null)} title={drill ? t('clientsTitle', { indicator: drill.label }) : ''} size="xl" closeButtonProps={{ 'aria-label': t('close') }}>
        {drill && <ClientList query={query} drill={drill} language={i18n.language} onOpen={() => setDrill(null)} />}
      </Modal>
    </Stack>
  );
}

function useIndicatorText() {
  const { t } = useTranslation('reports');
  return {
    title: (id: IndicatorId) => t(`indicators.${id}.title`),
    rule: (id: IndicatorId) => t(`indicators.${id}.rule`),
  };
}

/** A number that opens the clients behind it, for those who may see them; plain text otherwise. */
function CountButton({ count, label, onClick, testId }: { count: number; label: string; onClick: (() => void) | null; testId: string }) {
  const { t } = useTranslation('reports');
  if (!onClick || count === 0) return <Text span fw={700} data-testid={testId}>{count}</Text>;
  return (
    <Button variant="subtle" size="compact-md" fw={700} px={4} onClick={onClick} aria-label={`${t('showClients', { count })}: ${label}`} data-testid={testId}>
      {count}
    </Button>
  );
}

function DistributionCard({ indicator: i, dashboard: d, onDrill }: { indicator: IndicatorValue; dashboard: Dashboard; onDrill: (x: Drill) => void }) {
  const { t } = useTranslation('reports');
  const text = useIndicatorText();
  const nameOf = (key: string) =>
    i.id === 'clientsByStatus'
      ? tData(`clients:status.${key}`)
      : ((i.id === 'clientsByPrison' ? d.prisons : d.regions).find((x) => x.id === key)?.name ?? t('none'));
  const rows = i.categories.filter((c) => c.count > 0 || i.id === 'clientsByStatus').map((c) => ({ key: c.key, name: nameOf(c.key), count: c.count }));
  return (
    <Paper withBorder p="md" data-testid={`indicator-${i.id}`}>
      <Title order={3} size="h5">{text.title(i.id)}</Title>
      <Text size="sm" c="dimmed">{t('numbers', { numerator: i.numerator, denominator: i.denominator })}</Text>
      {rows.length > 0 && (
        <BarChart h={Math.max(120, rows.length * 26)} data={rows} dataKey="name" orientation="vertical" series={[{ name: 'count', label: t('unit.clients'), color: 'teal.7' }]} yAxisProps={{ width: 150 }} gridAxis="none" withTooltip={false} />
      )}
      <Table mt="xs" fz="sm">
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td ta="right">
                <CountButton count={r.count} label={`${text.title(i.id)} – ${r.name}`} testId={`count-${i.id}-${r.key}`} onClick={d.mayListClients ? () => onDrill({ indicatorId: i.id, part: 'numerator', category: r.key, label: `${text.title(i.id)}: ${r.name}` }) : null} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">{t('rule')}: {text.rule(i.id)}</Text>
    </Paper>
  );
}

function ShareCard({ indicator: i, dashboard: d, split, onDrill }: { indicator: IndicatorValue; dashboard: Dashboard; split: Split; onDrill: (x: Drill) => void }) {
  const { t } = useTranslation('reports');
  const text = useIndicatorText();
  const p = percent(i.numerator, i.denominator);
  const drill = (part: 'numerator' | 'denominator') => (d.mayListClients && i.unit === 'clients' ? () => onDrill({ indicatorId: i.id, part, label: `${text.title(i.id)} – ${t(`clientsPart.${part}`)}` }) : null);
  const groups = split === 'prison' ? i.byPrison : split === 'region' ? i.byRegion : [];
  const groupName = (id: string) => (split === 'prison' ? d.prisons : d.regions).find((x) => x.id === id)?.name ?? t('none');
  const outcomes = i.id.startsWith('followUpMonth');
  return (
    <Paper withBorder p="md" data-testid={`indicator-${i.id}`}>
      <Title order={3} size="h5">{text.title(i.id)}</Title>
      <Group gap="xs" align="baseline" mt={4}>
        <Text size="xl" fw={700} data-testid={`share-${i.id}`}>{p === null ? '–' : t('percent', { percent: p })}</Text>
        <Text size="sm">
          <CountButton count={i.numerator} label={`${text.title(i.id)} – ${t('clientsPart.numerator')}`} onClick={drill('numerator')} testId={`numerator-${i.id}`} />
          {' / '}
          <CountButton count={i.denominator} label={`${text.title(i.id)} – ${t('clientsPart.denominator')}`} onClick={drill('denominator')} testId={`denominator-${i.id}`} />{' '}
          {t(`unit.${i.unit}`)}
        </Text>
      </Group>
      {p === null ? <Text size="sm" c="dimmed">{t('noDenominator')}</Text> : <Progress value={p} color={p >= 80 ? 'teal' : p >= 50 ? 'yellow' : 'red'} aria-label={`${text.title(i.id)}: ${p} %`} mt={4} />}
      {outcomes && <OutcomeTable indicator={i} />}
      {groups.length > 0 && (
        <Table mt="xs" fz="sm" striped>
          <Table.Tbody>
            {[...groups].sort((a, b) => groupName(a.id).localeCompare(groupName(b.id), 'cs')).map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td>{groupName(g.id)}</Table.Td>
                <Table.Td ta="right">{t('numbers', { numerator: g.numerator, denominator: g.denominator })}</Table.Td>
                <Table.Td ta="right" w={70}>{percent(g.numerator, g.denominator) ?? '–'} %</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs" c="dimmed" mt="xs">{t('rule')}: {text.rule(i.id)}</Text>
    </Paper>
  );
}

/** Follow-up outcomes: each field with every value, "unknown" always shown. */
function OutcomeTable({ indicator: i }: { indicator: IndicatorValue }) {
  const { t } = useTranslation('reports');
  return (
    <Table mt="xs" fz="xs">
      <Table.Tbody>
        {OUTCOME_FIELDS.map((field) => (
          <Table.Tr key={field}>
            <Table.Td fw={600}>{t(`outcomeFields.${field}`)}</Table.Td>
            <Table.Td>
              {i.categories
                .filter((c) => c.key.startsWith(`${field}.`) && (c.count > 0 || c.key.endsWith('.unknown')))
                .map((c) => `${tData(`reports:outcomeValues.${c.key.slice(field.length + 1)}`)} ${c.count}`)
                .join(' · ')}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ClientList({ query, drill, language, onOpen }: { query: Query; drill: Drill; language: string; onOpen: () => void }) {
  const { t } = useTranslation('reports');
  const tc = useTranslation('clients').t;
  const errorText = useErrorText('reports');
  const list = useQuery({
    queryKey: ['reports.indicatorClients', query, drill],
    queryFn: () => call('reports.indicatorClients', { ...query, indicatorId: drill.indicatorId, part: drill.part, ...(drill.category ? { category: drill.category } : {}) }),
  });
  if (list.error) return <Alert color="red">{errorText(list.error)}</Alert>;
  if (!list.data) return <Loader size="sm" />;
  if (!list.data.length) return <Text c="dimmed">{t('noClients')}</Text>;
  return (
    <Table striped highlightOnHover data-testid="indicator-clients">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{tc('fields.code', 'Kód')}</Table.Th>
          <Table.Th>{t('filter.prison')}</Table.Th>
          <Table.Th>{tc('fields.actualRelease')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.data.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Td>
              <Button variant="subtle" size="compact-sm" px={4} onClick={() => { onOpen(); openClient(c.id); }}>{c.name}</Button>
              <Text span size="xs" c="dimmed" ff="monospace">{c.code}</Text>
            </Table.Td>
            <Table.Td>{c.prison ?? '—'}</Table.Td>
            <Table.Td>{formatDate(c.actualRelease ?? c.earliestRelease, language) ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
