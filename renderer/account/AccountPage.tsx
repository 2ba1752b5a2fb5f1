import { Alert, Button, Group, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { useForm, schemaResolver } from '@mantine/form';
import { notify } from '../app/notify';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { call } from '../app/api';
import { useErrorText } from '../app/i18n';
import { sessionCalls } from '../../shared/api/calls/session';

const schema = sessionCalls['session.changeOwnPassword'].input
  .extend({ newPasswordAgain: z.string() })
  .refine((v) => v.newPassword === v.newPasswordAgain, { path: ['newPasswordAgain'], error: 'passwordsDiffer' });

export function AccountPage() {
  const { t } = useTranslation('session');
  const tc = useTranslation('common').t;
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { currentPassword: '', newPassword: '', newPasswordAgain: '' }, validate: schemaResolver(schema, { sync: true }) });
  const againError = form.errors.newPasswordAgain === 'passwordsDiffer' ? tc('errors.passwordsDiffer') : form.errors.newPasswordAgain;

  return (
    <Stack maw={520}>
      <Title order={2}>{t('account.title')}</Title>
      <Paper withBorder p="md">
        <form
          onSubmit={form.onSubmit(async ({ currentPassword, newPassword }) => {
            setError(null);
            try {
              await call('session.changeOwnPassword', { currentPassword, newPassword });
              form.reset();
              notify(t('account.changed'));
            } catch (e) {
              setError(errorText(e));
            }
          })}
        >
          <Stack>
            <Title order={3} size="h4">{t('account.changePassword')}</Title>
            <PasswordInput label={t('account.currentPassword')} autoComplete="current-password" {...form.getInputProps('currentPassword')} />
            <PasswordInput label={t('account.newPassword')} autoComplete="new-password" {...form.getInputProps('newPassword')} />
            <PasswordInput label={t('account.newPasswordAgain')} autoComplete="new-password" {...form.getInputProps('newPasswordAgain')} error={againError} />
            {error && <Alert color="red" role="alert">{error}</Alert>}
            <Group justify="flex-end"><Button type="submit">{tc('save')}</Button></Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
