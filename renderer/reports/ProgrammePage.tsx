import { useState } from 'react';
import { Alert, Button, FileButton, Group, Loader, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { DateField } from '../app/DateField';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../shared/schemas/user';
import { call } from '../app/api';
import { useErrorText } from '../app/i18n';
import { notify } from '../app/notify';
import { formatDate } from '../clients/format';
import { localToday, periodOf } from './reportPeriod';
import { PeriodPresetSelect } from './PeriodPresetSelect';

type Split = 'organisation' | 'prison' | 'region';
const percent = (n: number | null, d: number | null) => (n === null || d === null || d === 0 ? '–' : `${Math.round((100 * n) / d)} %`);
const shown = (n: number | null) => (n === null ? '<5' : String(n));

async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The programme view (SPEC W13): signed reports imported from other installations, summed, with each source's date. */
export function ProgrammePage({ user }: { user: SessionUser }) {
  const { t, i18n } = useTranslation('reports');
  const errorText = useErrorText('reports');
  const queryClient = useQueryClient();
  // Last quarter, as on the dashboard: the period the sites' reports are usually made for.
  const [period, setPeriod] = useState(() => periodOf('lastQuarter', localToday()));
  const [draft, setDraft] = useState(period);
  const [split, setSplit] = useState<Split>('organisation');
  const programme = useQuery({ queryKey: ['reports.programme', period], queryFn: () => call('reports.programme', period) });
  const p = programme.data;

  const importFiles = async (files: File[]) => {
    for (const file of files) {
      try {
        const r = await call('reports.import', { fileName: file.name, fileBase64: await fileBase64(file) });
        notify(r.replaced ? t('programme.replaced') : t('programme.imported', { organisation: r.organisation, from: formatDate(r.from, i18n.language) ?? '', to: formatDate(r.to, i18n.language) ?? '' }));
      } catch (e) {
        notify(errorText(e), 'red');
      }
    }
    await queryClient.invalidateQueries({ queryKey: ['reports.programme'] });
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('programme.title')}</Title>
        {user.role === 'admin' && (
          <FileButton onChange={(files) => void importFiles(files)} accept="application/json,.json" multiple>
            {(props) => <Button {...props}>{t('programme.import')}</Button>}
          </FileButton>
        )}
      </Group>
      <Paper withBorder p="sm">
        <Group align="flex-end">
          <PeriodPresetSelect
            period={period}
            onChange={(next) => {
              setDraft(next);
              setPeriod(next);
            }}
          />
          <DateField label={t('period.from')} value={draft.from} onChange={(v) => setDraft({ ...draft, from: v ?? '' })} />
          <DateField label={t('period.to')} value={draft.to} onChange={(v) => setDraft({ ...draft, to: v ?? '' })} />
          <Button onClick={() => setPeriod(draft)}>{t('period.apply')}</Button>
        </Group>
      </Paper>
      {programme.error && <Alert color="red">{errorText(programme.error)}</Alert>}
      {!p && !programme.error && <Loader size="sm" />}
      {p && (
        <>
          <Paper withBorder p="md">
            <Title order={3} size="h5">{t('programme.sources')}</Title>
            {p.sources.length === 0 && <Text c="dimmed">{t('programme.noSources')}</Text>}
            {p.sources.map((s) => (
              <Text key={s.reportId} size="sm">
                {t('programme.source', { organisation: s.organisation, signer: s.signerName, date: formatDate(s.createdAt, i18n.language) })} ({formatDate(s.from, i18n.language)} – {formatDate(s.to, i18n.language)})
              </Text>
            ))}
            <Text size="xs" c="dimmed" mt="xs">{t('programme.suppressed')}</Text>
          </Paper>
          {p.sources.length > 0 && (
            <>
              <SegmentedControl
                value={split}
                onChange={(v) => setSplit(v as Split)}
                data={[
                  { value: 'organisation', label: t('programme.byOrganisation') },
                  { value: 'prison', label: t('programme.byPrison') },
                  { value: 'region', label: t('programme.byRegion') },
                ]}
              />
              <Table striped data-testid="programme-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('rule')}</Table.Th>
                    <Table.Th ta="right">{t('share')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.indicators.map((i) => {
                    const rows = split === 'organisation' ? i.byOrganisation : split === 'prison' ? i.byPrison : i.byRegion;
                    return (
                      <Table.Tr key={i.id}>
                        <Table.Td>
                          <Text fw={600} size="sm">{t(`indicators.${i.id}.title`)}</Text>
                          {rows.map((r) => (
                            <Text key={r.name} size="xs" c="dimmed">
                              {r.name === '-' ? t('none') : r.name}: {t('numbers', { numerator: shown(r.numerator), denominator: shown(r.denominator) })}
                            </Text>
                          ))}
                        </Table.Td>
                        <Table.Td ta="right">
                          <Text fw={700}>{percent(i.numerator, i.denominator)}</Text>
                          <Text size="xs">{t('numbers', { numerator: i.numerator, denominator: i.denominator })}</Text>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </>
          )}
        </>
      )}
    </Stack>
  );
}
