import { useState } from 'react';
import { Alert, Anchor, Button, Center, Group, Paper, PasswordInput, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import { call } from '../app/api';
import { i18next, useErrorText } from '../app/i18n';
import { LanguageSwitch } from '../app/LanguageSwitch';
import type { SessionUser } from '../../shared/schemas/user';
import { RestorePanel } from '../backup/RestorePanel';
import type { AuditAnchorStatus } from '../../shared/schemas/audit';

/** Lost audit history stays on screen until dismissed: the way out (a backup) must not flash by. */
function warnIfHistoryLost(anchor: AuditAnchorStatus): void {
  const t = i18next.t;
  if (anchor.state !== 'lost' && anchor.state !== 'replaced') return;
  const message = anchor.state === 'lost' ? t('session:lock.historyLost', { count: anchor.missing }) : t('session:lock.historyReplaced');
  notifications.show({ message, color: 'red', autoClose: false, withCloseButton: true });
}

/** The only thing on screen while locked: no client data is rendered behind it. */
export function LockScreen(props: { organisation: string | null; lockedNotice: boolean; recovery: boolean; onUnlocked: () => void }) {
  const { t } = useTranslation('session');
  const errorText = useErrorText();
  const [mode, setMode] = useState<'password' | 'recovery'>(props.recovery ? 'recovery' : 'password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [admins, setAdmins] = useState<SessionUser[] | null>(null);
  const [adminId, setAdminId] = useState<string>('');
  const [newPassword, setNewPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const tb = useTranslation('backup').t;

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" bg="gray.1">
      <Paper withBorder shadow="sm" p="xl" w={440}>
        <Group justify="space-between" mb="xs">
          <Title order={1} size="h2">Throughcare</Title>
          <LanguageSwitch />
        </Group>
        {props.organisation && <Text c="dimmed" mb="md">{props.organisation}</Text>}
        {props.lockedNotice && <Alert color="blue" mb="md">{t('lock.lockedNotice')}</Alert>}
        {restoring ? (
          <RestorePanel replacesExisting onRestored={() => { setRestoring(false); props.onUnlocked(); }} onCancel={() => setRestoring(false)} />
        ) : mode === 'password' ? (
          <form onSubmit={(e) => { e.preventDefault(); void run(async () => { const out = await call('session.login', { username, password }); setPassword(''); warnIfHistoryLost(out.auditAnchor); props.onUnlocked(); }); }}>
            <Stack>
              <Title order={2} size="h4">{t('lock.title')}</Title>
              <TextInput label={t('lock.username')} autoComplete="username" value={username} onChange={(e) => setUsername(e.currentTarget.value)} required autoFocus />
              <PasswordInput label={t('lock.password')} autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} required />
              {error && <Alert color="red" role="alert">{error}</Alert>}
              <Button type="submit" loading={busy}>{t('lock.login')}</Button>
              <Anchor component="button" type="button" size="sm" onClick={() => { setError(null); setMode('recovery'); }}>{t('lock.forgot')}</Anchor>
              <Anchor component="button" type="button" size="sm" onClick={() => { setError(null); setRestoring(true); }}>{tb('restore.open')}</Anchor>
            </Stack>
          </form>
        ) : admins === null ? (
          <form onSubmit={(e) => { e.preventDefault(); void run(async () => { const out = await call('session.unlockWithRecoveryKey', { recoveryKey }); warnIfHistoryLost(out.auditAnchor); setAdmins(out.admins); setAdminId(out.admins[0]?.id ?? ''); }); }}>
            <Stack>
              <Title order={2} size="h4">{t('lock.recoveryTitle')}</Title>
              <TextInput label={t('lock.recoveryKey')} value={recoveryKey} onChange={(e) => setRecoveryKey(e.currentTarget.value)} required autoFocus ff="monospace" placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX" />
              {error && <Alert color="red" role="alert">{error}</Alert>}
              <Button type="submit" loading={busy}>{t('lock.unlock')}</Button>
              <Anchor component="button" type="button" size="sm" onClick={() => { setError(null); setMode('password'); }}>{t('lock.title')}</Anchor>
            </Stack>
          </form>
        ) : (
          <form onSubmit={(e) => { e.preventDefault(); void run(async () => { await call('session.recoverySetPassword', { userId: adminId, newPassword }); props.onUnlocked(); }); }}>
            <Stack>
              <Radio.Group label={t('lock.chooseAdmin')} value={adminId} onChange={setAdminId}>
                <Stack mt="xs">{admins.map((a) => <Radio key={a.id} value={a.id} label={`${a.displayName} (${a.username})`} />)}</Stack>
              </Radio.Group>
              <PasswordInput label={t('lock.newPassword')} autoComplete="new-password" value={newPassword} onChange={(e) => setNewPassword(e.currentTarget.value)} required />
              {error && <Alert color="red" role="alert">{error}</Alert>}
              <Button type="submit" loading={busy}>{t('lock.setPassword')}</Button>
            </Stack>
          </form>
        )}
      </Paper>
    </Center>
  );
}
