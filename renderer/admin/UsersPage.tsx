import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Paper, PasswordInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notify } from '../app/notify';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { useErrorText } from '../app/i18n';
import { useDraftForm } from '../drafts/useDraftForm';
import { DraftNotice } from '../drafts/DraftNotice';
import { userCreateSchema } from '../../shared/api/calls/users';
import { ROLES, passwordSchema, type SessionUser, type User } from '../../shared/schemas/user';

export function UsersPage({ currentUser }: { currentUser: SessionUser }) {
  const { t } = useTranslation('admin');
  const tc = useTranslation('common').t;
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['users.list'], queryFn: () => call('users.list', { includeRemoved: false }) });
  const [resetFor, setResetFor] = useState<User | null>(null);
  const [removeFor, setRemoveFor] = useState<User | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const roleOptions = ROLES.map((r) => ({ value: r, label: tc(`roles.${r}`) }));

  const { form, restoredAt, discard } = useDraftForm({
    formKey: 'users:create',
    schema: userCreateSchema,
    initialValues: { username: '', displayName: '', role: 'caseworker' as User['role'], password: '' },
    secretFields: ['password'],
  });

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users.list'] });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await call('users.create', values);
      await discard();
      notify(t('users.userCreated'));
      await refresh();
    } catch (e) {
      setError(errorText(e));
    }
  });

  const passwordCheck = passwordSchema.safeParse(newPassword);

  return (
    <Stack>
      <Title order={2}>{t('users.title')}</Title>
      <Paper withBorder p="md">
        <form onSubmit={submit} aria-label={t('users.add')}>
          <Stack>
            <Title order={3} size="h4">{t('users.add')}</Title>
            <DraftNotice restoredAt={restoredAt} onDiscard={() => void discard()} />
            <Group grow align="flex-start">
              <TextInput label={t('users.displayName')} required {...form.getInputProps('displayName')} />
              <TextInput label={t('users.username')} required {...form.getInputProps('username')} />
            </Group>
            <Group grow align="flex-start">
              <Select label={t('users.role')} data={roleOptions} allowDeselect={false} {...form.getInputProps('role')} />
              <PasswordInput label={t('users.password')} required autoComplete="new-password" {...form.getInputProps('password')} />
            </Group>
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <Group justify="flex-end"><Button type="submit">{t('users.add')}</Button></Group>
          </Stack>
        </form>
      </Paper>
      <Text c="dimmed">{t('users.count', { count: users.data?.length ?? 0 })}</Text>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users.displayName')}</Table.Th>
            <Table.Th>{t('users.username')}</Table.Th>
            <Table.Th>{t('users.role')}</Table.Th>
            <Table.Th>{t('users.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(users.data ?? []).map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.displayName}</Table.Td>
              <Table.Td>{u.username}</Table.Td>
              <Table.Td>
                <Select
                  aria-label={`${t('users.role')}: ${u.displayName}`}
                  size="xs"
                  data={roleOptions}
                  value={u.role}
                  allowDeselect={false}
                  onChange={(role) =>
                    role &&
                    void call('users.update', { id: u.id, role: role as User['role'] })
                      .then(refresh)
                      .catch((e) => notify(errorText(e), 'red'))
                  }
                />
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Button size="xs" variant="default" onClick={() => { setNewPassword(''); setResetFor(u); }}>{t('users.resetPassword')}</Button>
                  {u.id !== currentUser.id && <Button size="xs" color="red" variant="light" onClick={() => setRemoveFor(u)}>{tc('remove')}</Button>}
                  {u.id === currentUser.id && <Badge variant="light">✓</Badge>}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Modal opened={resetFor !== null} onClose={() => setResetFor(null)} title={t('users.resetTitle', { name: resetFor?.displayName ?? '' })}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!resetFor || !passwordCheck.success) return;
            void call('users.resetPassword', { id: resetFor.id, newPassword })
              .then(() => { notify(t('users.passwordReset')); setResetFor(null); })
              .catch((err) => notify(errorText(err), 'red'));
          }}
        >
          <Stack>
            <PasswordInput label={t('users.resetPassword')} value={newPassword} onChange={(e) => setNewPassword(e.currentTarget.value)} autoComplete="new-password" error={newPassword && !passwordCheck.success ? passwordCheck.error.issues[0]?.message : undefined} data-autofocus />
            <Group justify="flex-end"><Button type="submit" disabled={!passwordCheck.success}>{tc('save')}</Button></Group>
          </Stack>
        </form>
      </Modal>

      <Modal opened={removeFor !== null} onClose={() => setRemoveFor(null)} title={tc('remove')}>
        <Stack>
          <Text>{t('users.removeConfirm', { name: removeFor?.displayName ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoveFor(null)}>{tc('cancel')}</Button>
            <Button color="red" onClick={() => removeFor && void call('users.remove', { id: removeFor.id }).then(() => { notify(t('users.removed')); setRemoveFor(null); return refresh(); }).catch((err) => notify(errorText(err), 'red'))}>{tc('remove')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
