import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Button, Group, Loader, MultiSelect, Pagination, Progress, Select, Stack, Table, Text, TextInput, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import type { SessionUser } from '../../shared/schemas/user';
import { CLIENT_STATUSES, type ClientStatus } from '../../shared/schemas/client';
import type { CaseloadQuery, CaseloadRow, CaseloadSort } from '../../shared/schemas/caseload';
import { FlagBadge, StatusBadge } from '../clients/badges';
import { daysText, formatDate, formatNumber } from '../clients/format';
import { openClient, showClientView } from '../clients/clientNavigation';
import { useClientErrorText } from '../clients/errorText';
import { useReferenceOptions, useWorkerOptions } from '../reference/useReference';
import classes from './caseload.module.css';

const PAGER_CONTROL_LABEL = { first: 'caseload.pageFirst', previous: 'caseload.pagePrevious', next: 'caseload.pageNext', last: 'caseload.pageLast' } as const;

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 250;
/** Rows skipped by PageUp / PageDown. */
const ROW_JUMP = 10;

interface Filters {
  search: string;
  prisonId: string | null;
  regionId: string | null;
  status: ClientStatus[];
  workerId: string | null;
  sort: CaseloadSort;
  direction: 'asc' | 'desc';
  page: number;
}
const NO_FILTERS: Filters = { search: '', prisonId: null, regionId: null, status: [], workerId: null, sort: 'earliestRelease', direction: 'asc', page: 0 };
// Survives opening a client and coming back to the list (memory only: a reload starts afresh).
let remembered: Filters = NO_FILTERS;
/** The client last opened from the list: coming back, the keyboard focus returns to its row. */
let lastOpened: string | null = null;
function open(id: string) {
  lastOpened = id;
  openClient(id);
}

/**
 * The caseload (W2): server-side filtering, sorting, full-text search and paging (50 rows a page), so ten
 * thousand clients cost the same as fifty. Rows are one tab stop (roving tabindex): arrows move, Enter opens.
 */
export function CaseloadPage({ user }: { user: SessionUser }) {
  const { t, i18n } = useTranslation('clients');
  const errorText = useClientErrorText();
  const isAdmin = user.role === 'admin';
  const [filters, setFilters] = useState<Filters>(remembered);
  const change = (patch: Partial<Filters>) =>
    setFilters((f) => {
      remembered = { ...f, page: 0, ...patch };
      return remembered;
    });
  const [search] = useDebouncedValue(filters.search.trim(), SEARCH_DELAY_MS);

  const query: CaseloadQuery = {
    search,
    prisonId: filters.prisonId,
    regionId: filters.regionId,
    status: filters.status,
    workerId: isAdmin ? filters.workerId : null,
    sort: filters.sort,
    direction: filters.direction,
    offset: filters.page * PAGE_SIZE,
    limit: PAGE_SIZE,
  };
  // Keyed by the whole query: an answer to an older query never replaces the newer one; the previous page stays
  // on screen while the next one loads, so typing does not make the table flicker.
  const caseload = useQuery({ queryKey: ['clients.caseload', query], queryFn: () => call('clients.caseload', query), placeholderData: keepPreviousData });
  const prisons = useReferenceOptions('prison', [filters.prisonId]);
  const regions = useReferenceOptions('region', [filters.regionId]);
  const workers = useWorkerOptions();

  const rows = caseload.data?.rows ?? [];
  const total = caseload.data?.total ?? 0;
  const filtered = filters.search.trim() !== '' || filters.prisonId !== null || filters.regionId !== null || filters.status.length > 0 || filters.workerId !== null;

  const sortBy = (column: CaseloadSort) =>
    change({ sort: column, direction: filters.sort === column && filters.direction === 'asc' ? 'desc' : 'asc' });

  const columns: { id: CaseloadSort | 'flags'; show: boolean }[] = [
    { id: 'code', show: true },
    { id: 'name', show: true },
    { id: 'prison', show: true },
    { id: 'earliestRelease', show: true },
    { id: 'status', show: true },
    { id: 'worker', show: isAdmin },
    { id: 'lastContact', show: true },
    { id: 'completeness', show: true },
    { id: 'flags', show: true },
  ];

  // The range describes the rows on screen: while the next page loads, the previous one (and its range) stays.
  const settledPage = useRef(filters.page);
  if (caseload.data && !caseload.isPlaceholderData) settledPage.current = filters.page;
  const shownPage = caseload.isPlaceholderData ? settledPage.current : filters.page;
  const from = total === 0 ? 0 : shownPage * PAGE_SIZE + 1;
  const to = Math.min(total, (shownPage + 1) * PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{isAdmin ? t('caseload.titleAll') : t('caseload.titleOwn')}</Title>
        <Button onClick={() => showClientView({ kind: 'register' })}>{t('caseload.register')}</Button>
      </Group>

      <Group align="flex-end" gap="sm" wrap="nowrap" role="search" aria-label={t('caseload.search')}>
        <TextInput
          label={t('caseload.search')}
          placeholder={t('caseload.searchPlaceholder')}
          value={filters.search}
          onChange={(e) => change({ search: e.currentTarget.value })}
          type="search"
          style={{ flex: '2 1 0', minWidth: 0 }}
          rightSection={caseload.isFetching ? <Loader size="xs" aria-label={t('caseload.searching')} /> : null}
        />
        <Select label={t('caseload.prison')} placeholder={t('caseload.anyPrison')} data={prisons} value={filters.prisonId} onChange={(v) => change({ prisonId: v })} clearable searchable style={{ flex: '1 1 0', minWidth: 0 }} />
        <Select label={t('caseload.region')} placeholder={t('caseload.anyRegion')} data={regions} value={filters.regionId} onChange={(v) => change({ regionId: v })} clearable searchable style={{ flex: '1 1 0', minWidth: 0 }} />
        <MultiSelect
          label={t('caseload.status')}
          placeholder={filters.status.length ? undefined : t('caseload.anyStatus')}
          data={CLIENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={filters.status}
          onChange={(v) => change({ status: v as ClientStatus[] })}
          clearable
          style={{ flex: '1 1 0', minWidth: 0 }}
        />
        {isAdmin && (
          <Select label={t('caseload.worker')} placeholder={t('caseload.anyWorker')} data={workers} value={filters.workerId} onChange={(v) => change({ workerId: v })} clearable searchable style={{ flex: '1 1 0', minWidth: 0 }} />
        )}
        {filtered && (
          <Button variant="subtle" onClick={() => change({ ...NO_FILTERS, sort: filters.sort, direction: filters.direction })}>
            {t('caseload.clearFilters')}
          </Button>
        )}
      </Group>

      {caseload.error && <Alert color="red" role="alert">{errorText(caseload.error)}</Alert>}

      <Text size="sm" c="dimmed" id="caseload-hint">{t('caseload.keyboardHint')}</Text>
      {/* data-search names the search the rows answer once aria-busy is false: `npm run bench:ui` waits on both. */}
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="xs" horizontalSpacing="xs" highlightOnHover aria-label={t('caseload.tableLabel')} aria-describedby="caseload-hint" aria-busy={caseload.isFetching} data-search={search}>
          <Table.Thead>
            <Table.Tr>
              {columns
                .filter((c) => c.show)
                .map((c) =>
                  c.id === 'flags' ? (
                    <Table.Th key={c.id} className={classes.flagsHeader}>{t('caseload.columns.flags')}</Table.Th>
                  ) : (
                    <SortHeader key={c.id} column={c.id} label={t(`caseload.columns.${c.id}`)} filters={filters} onSort={sortBy} />
                  ),
                )}
            </Table.Tr>
          </Table.Thead>
          <CaseloadRows rows={rows} isAdmin={isAdmin} language={i18n.language} />
        </Table>
      </Table.ScrollContainer>

      {caseload.data && rows.length === 0 && (
        <Text ta="center" py="lg" c="dimmed">
          {filtered ? t('caseload.empty') : t('caseload.emptyCaseload')}
        </Text>
      )}

      <Group justify="space-between">
        <Text size="sm" aria-live="polite" data-testid="caseload-range">
          {t('caseload.range', { from: formatNumber(from, i18n.language), to: formatNumber(to, i18n.language), total: formatNumber(total, i18n.language) })}
        </Text>
        {pages > 1 && (
          <Pagination
            component="nav"
            aria-label={t('caseload.pager')}
            total={pages}
            value={filters.page + 1}
            onChange={(p) => change({ ...filters, page: p - 1 })}
            withEdges
            size="sm"
            getControlProps={(control) => ({ 'aria-label': t(PAGER_CONTROL_LABEL[control]) })}
            getItemProps={(page) => ({ 'aria-label': t('caseload.pageN', { page }), 'aria-current': page === filters.page + 1 ? 'page' : undefined })}
          />
        )}
      </Group>
    </Stack>
  );
}

function SortHeader({ column, label, filters, onSort }: { column: CaseloadSort; label: string; filters: Filters; onSort: (c: CaseloadSort) => void }) {
  const active = filters.sort === column;
  const ascending = filters.direction === 'asc';
  return (
    <Table.Th aria-sort={active ? (ascending ? 'ascending' : 'descending') : 'none'} style={{ verticalAlign: 'bottom' }}>
      <UnstyledButton className={classes.sortButton} onClick={() => onSort(column)}>
        {label}
        {'\u00a0'}
        <span aria-hidden className={classes.sortArrow}>{active ? (ascending ? '▲' : '▼') : '↕'}</span>
      </UnstyledButton>
    </Table.Th>
  );
}

/** Memoised: typing, a filter change or a fetch starting re-render the page, not fifty rows whose data did not change. */
const CaseloadRows = memo(function CaseloadRows({ rows, isAdmin, language }: { rows: CaseloadRow[]; isAdmin: boolean; language: string }) {
  const { t } = useTranslation(['clients', 'careTeam']);
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  const [active, setActive] = useState(0);
  const current = Math.min(active, Math.max(rows.length - 1, 0));
  useEffect(() => {
    const index = lastOpened ? rows.findIndex((r) => r.id === lastOpened) : -1;
    if (index < 0) return;
    lastOpened = null;
    setActive(index);
    rowRefs.current[index]?.focus();
  }, [rows]);

  const focusRow = (i: number) => {
    const index = Math.max(0, Math.min(rows.length - 1, i));
    setActive(index);
    rowRefs.current[index]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, i: number, row: CaseloadRow) => {
    const moves: Record<string, number> = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: rows.length - 1, PageDown: i + ROW_JUMP, PageUp: i - ROW_JUMP };
    if (e.key in moves) focusRow(moves[e.key]!);
    else if (e.key === 'Enter' || e.key === ' ') {
      if (row.openable) open(row.id);
    }
    else return;
    e.preventDefault();
  };

  return (
    <Table.Tbody>
      {rows.map((row, i) => {
        const days = row.daysToRelease;
        const upcoming = row.status === 'intake' || row.status === 'active';
        const daysColor = days !== null && upcoming && days >= 0 && days <= 14 ? 'red.9' : days !== null && upcoming && days >= 0 && days <= 30 ? 'dark.9' : 'dimmed';
        return (
          <Table.Tr
            key={row.id}
            ref={(el) => {
              rowRefs.current[i] = el;
            }}
            className={classes.row}
            tabIndex={i === current ? 0 : -1}
            onFocus={() => setActive(i)}
            onClick={() => row.openable && open(row.id)}
            data-openable={row.openable}
            title={row.openable ? undefined : t('careTeam:notOpenableHint')}
            onKeyDown={(e) => onKeyDown(e, i, row)}
            data-testid="caseload-row"
          >
            <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>{row.code}</Table.Td>
            <Table.Td fw={600} miw={130}>
              {row.lastName} {row.firstName}
              {!row.openable && <Text size="xs" c="dimmed" fw={400}>{t('careTeam:notOpenable')}</Text>}
            </Table.Td>
            <Table.Td miw={120}>{row.prisonName ?? t('notSet')}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {row.earliestRelease ? (
                <>
                  <Text size="sm">{formatDate(row.earliestRelease, language)}</Text>
                  <Text size="xs" c={daysColor} fw={daysColor === 'dimmed' ? 400 : 700}>{daysText(days)}</Text>
                </>
              ) : (
                t('notSet')
              )}
            </Table.Td>
            <Table.Td><StatusBadge status={row.status} /></Table.Td>
            {isAdmin && <Table.Td>{row.assignedWorkerName ?? t('notSet')}</Table.Td>}
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(row.lastContactAt, language) ?? t('notSet')}</Table.Td>
            <Table.Td>
              {row.checklistTotal > 0 ? (
                <div title={t('caseload.checklist', { done: row.checklistDone, total: row.checklistTotal })}>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {row.checklistDone}/{row.checklistTotal}
                  </Text>
                  <Progress value={(100 * row.checklistDone) / row.checklistTotal} size="xs" w={56} aria-hidden />
                </div>
              ) : (
                <Text size="sm" c="dimmed" title={t('caseload.noChecklist')}>
                  <span aria-hidden>{t('notSet')}</span>
                  <VisuallyHidden>{t('caseload.noChecklist')}</VisuallyHidden>
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Stack gap={4} align="flex-start">{row.flags.map((f) => <FlagBadge key={f} flag={f} />)}</Stack>
            </Table.Td>
          </Table.Tr>
        );
      })}
    </Table.Tbody>
  );
});
