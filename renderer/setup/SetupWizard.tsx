import { useState } from 'react';
import { Alert, Button, Checkbox, Code, Container, Group, Paper, PasswordInput, Stack, Stepper, Text, TextInput, Title } from '@mantine/core';
import { useForm, schemaResolver } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { call } from '../app/api';
import { useErrorText } from '../app/i18n';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { sessionCalls } from '../../shared/api/calls/session';
import { RestorePanel } from '../backup/RestorePanel';

const setupInput = sessionCalls['setup.initialize'].input;
const formSchema = z
  .object({
    organisation: setupInput.shape.organisation,
    workstation: setupInput.shape.workstation,
    username: setupInput.shape.admin.shape.username,
    displayName: setupInput.shape.admin.shape.displayName,
    password: setupInput.shape.admin.shape.password,
    passwordAgain: z.string(),
  })
  .refine((v) => v.password === v.passwordAgain, { path: ['passwordAgain'], error: 'passwordsDiffer' });

export function SetupWizard({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('session');
  const errorText = useErrorText();
  const [step, setStep] = useState(0);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [written, setWritten] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { organisation: '', workstation: '', username: '', displayName: '', password: '', passwordAgain: '' },
    validate: schemaResolver(formSchema, { sync: true }),
  });
  const tc = useTranslation('common').t;
  const tb = useTranslation('backup').t;
  const [restoring, setRestoring] = useState(false);
  const fieldError = (name: keyof typeof form.values) => {
    const e = form.errors[name];
    return e === 'passwordsDiffer' ? tc('errors.passwordsDiffer') : e;
  };

  const nextFromOrganisation = () => {
    const a = form.validateField('organisation');
    const b = form.validateField('workstation');
    if (!a.hasError && !b.hasError) setStep(1);
  };

  const create = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      const out = await call('setup.initialize', {
        organisation: v.organisation,
        workstation: v.workstation,
        admin: { username: v.username, displayName: v.displayName, password: v.password },
      });
      setRecoveryKey(out.recoveryKey);
      setStep(2);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  });

  return (
    <Container size="sm" py="xl">
      <Group justify="space-between" mb="md">
        <Title order={1}>{t('setup.title')}</Title>
        <LanguageSwitch />
      </Group>
      <Text mb="lg">{t('setup.intro')}</Text>
      {restoring ? (
        <Paper withBorder p="lg">
          <RestorePanel replacesExisting={false} onRestored={onDone} onCancel={() => setRestoring(false)} />
        </Paper>
      ) : (
      <Paper withBorder p="lg">
        <Stepper active={step} allowNextStepsSelect={false}>
          <Stepper.Step label={t('setup.stepOrganisation')}>
            <Stack mt="md">
              <TextInput label={t('setup.organisation')} required {...form.getInputProps('organisation')} data-autofocus autoFocus />
              <TextInput label={t('setup.workstation')} description={t('setup.workstationHint')} required {...form.getInputProps('workstation')} />
              <Group justify="flex-end">
                <Button onClick={nextFromOrganisation}>{tc('next')}</Button>
              </Group>
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('setup.stepAdmin')}>
            <form onSubmit={create} noValidate>
              <Stack mt="md">
                <TextInput label={t('setup.displayName')} required {...form.getInputProps('displayName')} autoFocus />
                <TextInput label={t('setup.username')} required autoComplete="username" {...form.getInputProps('username')} />
                <PasswordInput label={t('setup.password')} description={t('setup.passwordHint')} required autoComplete="new-password" {...form.getInputProps('password')} />
                <PasswordInput label={t('setup.passwordAgain')} required autoComplete="new-password" {...form.getInputProps('passwordAgain')} error={fieldError('passwordAgain')} />
                {error && <Alert color="red" role="alert">{error}</Alert>}
                <Group justify="space-between">
                  <Button variant="default" onClick={() => setStep(0)}>{tc('back')}</Button>
                  <Button type="submit" loading={busy}>{t('setup.create')}</Button>
                </Group>
              </Stack>
            </form>
          </Stepper.Step>
          <Stepper.Step label={t('setup.stepRecovery')}>
            <Stack mt="md">
              <Title order={2} size="h3">{t('setup.recoveryTitle')}</Title>
              <Text>{t('setup.recoveryText')}</Text>
              <Code block fz="xl" ta="center" data-testid="recovery-key" style={{ letterSpacing: '0.1em' }}>
                {recoveryKey}
              </Code>
              <Group>
                <Button variant="default" onClick={() => window.print()}>{t('setup.print')}</Button>
              </Group>
              <Checkbox label={t('setup.confirmWritten')} checked={written} onChange={(e) => setWritten(e.currentTarget.checked)} />
              <Group justify="flex-end">
                <Button disabled={!written} onClick={onDone}>{t('setup.finish')}</Button>
              </Group>
            </Stack>
          </Stepper.Step>
        </Stepper>
        {step === 0 && (
          <Group justify="center" mt="lg">
            <Button variant="subtle" onClick={() => setRestoring(true)}>{tb('restore.open')}</Button>
          </Group>
        )}
      </Paper>
      )}
    </Container>
  );
}
