import { useEffect } from 'react';
import { Button, Group, NumberInput, Paper, Stack, Switch, TextInput, Title } from '@mantine/core';
import { useForm, schemaResolver } from '@mantine/form';
import { notify } from '../app/notify';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { useErrorText } from '../app/i18n';
import { installationSettingsSchema } from '../../shared/schemas/settings';
import { BackupSection } from '../backup/BackupSection';

export function SettingsPage() {
  const { t } = useTranslation(['admin', 'handover', 'careTeam']);
  const tc = useTranslation('common').t;
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => call('settings.get', {}) });
  const form = useForm({ initialValues: { organisation: '', workstation: '', autoLockMinutes: 5, receiptOverdueDays: 14, officeWideCaseload: false }, validate: schemaResolver(installationSettingsSchema, { sync: true }) });
  useEffect(() => {
    if (settings.data) {
      form.setValues(settings.data);
      form.resetDirty(settings.data);
    }
  }, [settings.data]);

  return (
    <Stack maw={560}>
      <Title order={2}>{t('settings.title')}</Title>
      <Paper withBorder p="md">
        <form
          aria-label={t('settings.title')}
          onSubmit={form.onSubmit((v) =>
            call('settings.update', v)
              .then(() => { notify(t('settings.saved')); return queryClient.invalidateQueries(); })
              .catch((e) => notify(errorText(e), 'red')),
          )}
        >
          <Stack>
            <TextInput label={t('settings.organisation')} {...form.getInputProps('organisation')} />
            <TextInput label={t('settings.workstation')} {...form.getInputProps('workstation')} />
            <NumberInput label={t('settings.autoLockMinutes')} min={0.25} max={60} step={1} decimalScale={2} {...form.getInputProps('autoLockMinutes')} />
            <NumberInput label={t('handover:settings.receiptOverdueDays')} description={t('handover:settings.receiptOverdueDaysHint')} min={1} max={365} step={1} allowDecimal={false} {...form.getInputProps('receiptOverdueDays')} />
            <Switch label={t('careTeam:settings.officeWide')} description={t('careTeam:settings.officeWideHint')} {...form.getInputProps('officeWideCaseload', { type: 'checkbox' })} />
            <Group justify="flex-end"><Button type="submit">{tc('save')}</Button></Group>
          </Stack>
        </form>
      </Paper>
      <BackupSection />
    </Stack>
  );
}
