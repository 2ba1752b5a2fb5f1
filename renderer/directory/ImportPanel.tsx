import { useId, useRef, useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../shared/api/calls/directory';
import type { DirectoryFileFormat, ImportRowError } from '../../shared/directory/serviceFile';
import { decodeSpreadsheetText } from '../../shared/spreadsheet/spreadsheetText';
import { call } from '../app/api';
import { notify } from '../app/notify';
import { useDirectoryErrorText } from './directoryUi';

interface PickedFile {
  name: string;
  format: DirectoryFileFormat;
  content: string;
}

/** A row problem in the user's words: "Line 6 – type: “hostel” is not a known service type." */
export function useRowErrorText(): (e: ImportRowError) => { where: string; problem: string } {
  const { t } = useTranslation('directory');
  return (e) => ({
    where: t(`import.at_${e.unit}`, { at: e.at }),
    problem: t(`import.reasons.${e.reason}`, { field: e.field ?? '', value: e.value ?? '' }),
  });
}

/**
 * Import in two steps (W7): the chosen file is read in the browser and checked on the Node side, which
 * writes nothing; the user sees which rows will be imported and which are wrong (by line), then confirms.
 */
export function ImportPanel({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation('directory');
  const errorText = useDirectoryErrorText();
  const rowError = useRowErrorText();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setFile(null);
    setPreview(null);
    setError(null);
    if (input.current) input.current.value = '';
  };

  const pick = async (chosen: File | undefined) => {
    setPreview(null);
    setError(null);
    if (!chosen) return;
    let content: string;
    try {
      // Czech Excel saves CSV in Windows-1250; File.text() would read it as UTF-8 and garble every diacritic.
      content = decodeSpreadsheetText(new Uint8Array(await chosen.arrayBuffer())).text;
    } catch {
      setError(t('errors.fileUnreadable'));
      return;
    }
    const picked: PickedFile = { name: chosen.name, format: /\.json$/i.test(chosen.name) ? 'json' : 'csv', content };
    setFile(picked);
    setBusy(true);
    try {
      setPreview(await call('directory.previewImport', { format: picked.format, content: picked.content }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const result = await call('directory.confirmImport', { format: file.format, content: file.content });
      notify(t('import.done', { created: result.created, updated: result.updated }));
      reset();
      onImported();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${inputId}-title`}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={`${inputId}-title`}>{t('import.title')}</Title>
        <div>
          <Text component="label" htmlFor={inputId} fw={500} size="sm" display="block">{t('import.pickFile')}</Text>
          <Text size="xs" c="dimmed" id={`${inputId}-hint`} mb={4}>{t('import.pickHint')}</Text>
          <input
            ref={input}
            id={inputId}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            aria-describedby={`${inputId}-hint`}
            onChange={(e) => void pick(e.currentTarget.files?.[0])}
          />
        </div>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        {preview && file && (
          <Stack gap="sm" data-testid="import-preview">
            <Alert color="blue" variant="light">{t('import.nothingWritten')}</Alert>
            <Group gap="lg">
              <Text fw={600} c="teal.9">{t('import.validRows', { count: preview.rows.length })}</Text>
              {preview.errors.length > 0 && <Text fw={600} c="red.9">{t('import.errorRows', { count: preview.errors.length })}</Text>}
            </Group>
            {preview.ignoredColumns.length > 0 && <Text size="sm" c="dimmed">{t('import.ignoredColumns', { columns: preview.ignoredColumns.join(', ') })}</Text>}
            {preview.errors.length > 0 && (
              <Table withTableBorder data-testid="import-errors" aria-label={t('import.errorRows', { count: preview.errors.length })}>
                <Table.Thead>
                  <Table.Tr><Table.Th>{t('import.where')}</Table.Th><Table.Th>{t('import.problem')}</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.errors.map((e, i) => {
                    const text = rowError(e);
                    return (
                      <Table.Tr key={i}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{text.where}</Table.Td>
                        <Table.Td>{text.problem}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
            {preview.rows.length > 0 && (
              <Table withTableBorder striped data-testid="import-rows" aria-label={t('import.validRows', { count: preview.rows.length })}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('import.where')}</Table.Th>
                    <Table.Th>{t('fields.name')}</Table.Th>
                    <Table.Th>{t('fields.type')}</Table.Th>
                    <Table.Th>{t('fields.region')}</Table.Th>
                    <Table.Th>{t('import.outcome')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.rows.map((r) => (
                    <Table.Tr key={`${r.unit}${r.at}`}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`import.at_${r.unit}`, { at: r.at })}</Table.Td>
                      <Table.Td>{r.service.name}</Table.Td>
                      <Table.Td>{t(`types.${r.service.type}`)}</Table.Td>
                      <Table.Td>{r.service.regionName}</Table.Td>
                      <Table.Td><Badge variant="outline" color={r.action === 'update' ? 'yellow.9' : 'teal.9'} tt="none">{r.action === 'update' ? t('import.willUpdate') : t('import.willCreate')}</Badge></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={reset}>{t('import.cancel')}</Button>
              <Button onClick={() => void confirm()} loading={busy} disabled={preview.rows.length === 0}>{t('import.confirm', { count: preview.rows.length })}</Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
