import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { call } from '../app/api';
import { notify } from '../app/notify';
import { useDraftForm } from '../drafts/useDraftForm';
import { DraftNotice } from '../drafts/DraftNotice';
import { referenceNameSchema, type ReferenceItem, type ReferenceKind } from '../../shared/schemas/reference';
import { useClientErrorText } from '../clients/errorText';
import { badgeTint } from '../clients/badges';
import { READABLE_ERRORS } from '../clients/readable';
import { useReferenceItems } from './useReference';

const nameForm = z.object({ name: referenceNameSchema });

/** Admin page "Prisons and regions": the lists the client forms pick from (add, rename, retire, use again). */
export function ReferencePage() {
  const { t } = useTranslation('clients');
  return (
    <Stack>
      <Title order={2}>{t('reference.title')}</Title>
      <Text c="dimmed" maw={760}>{t('reference.intro')}</Text>
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="lg" maw={1100}>
        <ReferenceList kind="prison" />
        <ReferenceList kind="region" />
      </SimpleGrid>
    </Stack>
  );
}

function ReferenceList({ kind }: { kind: ReferenceKind }) {
  const { t } = useTranslation('clients');
  const errorText = useClientErrorText();
  const queryClient = useQueryClient();
  const items = useReferenceItems(kind);
  const [error, setError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<ReferenceItem | null>(null);
  const { form, restoredAt, discard } = useDraftForm({ formKey: `reference:${kind}:new`, schema: nameForm, initialValues: { name: '' } });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['reference.list', kind] });

  const add = form.onSubmit(async ({ name }) => {
    setError(null);
    try {
      await call('reference.create', { kind, name });
      await discard();
      notify(t(`reference.${kind}.added`));
      await refresh();
    } catch (e) {
      setError(errorText(e));
    }
  });

  const setActive = async (item: ReferenceItem, active: boolean) => {
    try {
      await call('reference.update', { id: item.id, active });
      notify(t(active ? 'reference.reactivatedDone' : 'reference.retiredDone', { name: item.name }));
      await refresh();
    } catch (e) {
      notify(errorText(e), 'red');
    }
  };

  const titleId = `reference-${kind}-title`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack>
        <Title order={3} size="h4" id={titleId}>{t(`reference.${kind}.title`)}</Title>
        <form onSubmit={add} aria-label={t(`reference.${kind}.add`)} style={READABLE_ERRORS}>
          <Stack gap="xs">
            <DraftNotice restoredAt={restoredAt} onDiscard={() => void discard()} />
            <Group align="flex-start" gap="sm">
              <TextInput label={t(`reference.${kind}.newName`)} style={{ flex: 1 }} {...form.getInputProps('name')} />
              <Button type="submit" mt={25}>{t(`reference.${kind}.add`)}</Button>
            </Group>
            {error && <Alert color="red" role="alert">{error}</Alert>}
          </Stack>
        </form>
        {items.data && items.data.length === 0 && <Text c="dimmed">{t('reference.empty')}</Text>}
        {items.data && items.data.length > 0 && (
          <Table verticalSpacing="xs" aria-labelledby={titleId}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reference.name')}</Table.Th>
                <Table.Th>{t('reference.state')}</Table.Th>
                <Table.Th>{t('reference.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.data.map((item) => (
                <Table.Tr key={item.id} data-testid={`reference-${kind}-row`}>
                  <Table.Td c={item.active ? undefined : 'dimmed'}>{item.name}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" tt="none" fw={600} style={{ ...badgeTint(item.active ? 'teal' : 'gray'), minWidth: 'max-content' }}>
                      {item.active ? t('reference.active') : t('reference.retired')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => setRenaming(item)} aria-label={`${t('reference.rename')}: ${item.name}`}>
                        {t('reference.rename')}
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => void setActive(item, !item.active)}
                        aria-label={`${item.active ? t('reference.retire') : t('reference.reactivate')}: ${item.name}`}
                      >
                        {item.active ? t('reference.retire') : t('reference.reactivate')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <RenameDialog item={renaming} onClose={() => setRenaming(null)} onRenamed={() => void refresh()} />
    </Paper>
  );
}

function RenameDialog({ item, onClose, onRenamed }: { item: ReferenceItem | null; onClose: () => void; onRenamed: () => void }) {
  const { t } = useTranslation('clients');
  const tc = useTranslation('common').t;
  const errorText = useClientErrorText();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [shownFor, setShownFor] = useState<string | null>(null);
  if (item && shownFor !== item.id) {
    setShownFor(item.id);
    setName(item.name);
    setError(null);
  }
  if (!item && shownFor !== null) setShownFor(null);
  const check = referenceNameSchema.safeParse(name);
  return (
    <Modal opened={item !== null} onClose={onClose} title={t('reference.renameTitle', { name: item?.name ?? '' })}>
      <form
        style={READABLE_ERRORS}
        onSubmit={(e) => {
          e.preventDefault();
          if (!item) return;
          if (!check.success) {
            setError(check.error.issues[0]?.message ?? null);
            return;
          }
          void call('reference.update', { id: item.id, name })
            .then(() => {
              notify(t('reference.renamed'));
              setShownFor(null);
              onRenamed();
              onClose();
            })
            .catch((err) => setError(errorText(err)));
        }}
      >
        <Stack>
          <TextInput label={t('reference.newName')} value={name} onChange={(e) => { setName(e.currentTarget.value); setError(null); }} error={error} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{tc('cancel')}</Button>
            <Button type="submit">{tc('save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
