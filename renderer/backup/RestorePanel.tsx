import { useState } from 'react';
import { Alert, Button, Checkbox, Group, PasswordInput, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { useErrorText } from '../app/i18n';
import { formatDate } from '../clients/format';
import type { BackupManifest } from '../../shared/schemas/backup';

/**
 * Restore from a backup, before anyone is logged in (first run and lock screen): pick the file, see what it is,
 * enter a password valid when it was made or the recovery key, confirm when it replaces this workstation's data.
 */
export function RestorePanel(props: { replacesExisting: boolean; onRestored: () => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation('backup');
  const errorText = useErrorText('backup');
  const [file, setFile] = useState('');
  const [manifest, setManifest] = useState<BackupManifest | null>(null);
  const [mode, setMode] = useState<'password' | 'recovery'>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [done, setDone] = useState<{ date: string; movedAsideTo: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
  const date = (iso: string) => formatDate(iso, i18n.language) ?? iso;

  if (done) {
    return (
      <Stack>
        <Alert color="green" role="status">{t('restore.done', { date: done.date })}</Alert>
        {done.movedAsideTo && <Text size="sm">{t('restore.movedAside', { folder: done.movedAsideTo })}</Text>}
        <Button onClick={props.onRestored} autoFocus>{t('restore.cancel')}</Button>
      </Stack>
    );
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!manifest) {
          void run(async () => setManifest((await call('backup.inspect', { file })).manifest));
          return;
        }
        const secret = mode === 'password' ? { username, password } : { recoveryKey };
        void run(async () => {
          const out = await call('backup.restore', { file, secret, replaceExisting: props.replacesExisting && confirmed });
          setPassword('');
          setDone({ date: date(out.createdAt), movedAsideTo: out.movedAsideTo });
        });
      }}
    >
      <Stack>
        <Title order={2} size="h4">{t('restore.title')}</Title>
        <Text size="sm">{t('restore.intro')}</Text>
        <TextInput label={t('restore.file')} value={file} onChange={(e) => { setFile(e.currentTarget.value); setManifest(null); }} required autoFocus placeholder="/media/usb/throughcare-….tcbackup" />
        {manifest && (
          <>
            <Alert color="blue" role="status" data-testid="backup-found">{t('restore.found', { date: date(manifest.createdAt), organisation: manifest.organisation, workstation: manifest.workstation })}</Alert>
            <SegmentedControl
              aria-label={t('restore.title')}
              value={mode}
              onChange={(v) => setMode(v as 'password' | 'recovery')}
              data={[{ value: 'password', label: t('restore.withPassword') }, { value: 'recovery', label: t('restore.withRecoveryKey') }]}
            />
            {mode === 'password' ? (
              <>
                <TextInput label={t('restore.username')} autoComplete="username" value={username} onChange={(e) => setUsername(e.currentTarget.value)} required />
                <PasswordInput label={t('restore.password')} autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} required />
              </>
            ) : (
              <TextInput label={t('restore.recoveryKey')} ff="monospace" value={recoveryKey} onChange={(e) => setRecoveryKey(e.currentTarget.value)} required placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX" />
            )}
            {props.replacesExisting && (
              <>
                <Alert color="orange">{t('restore.replaceWarning')}</Alert>
                <Checkbox label={t('restore.confirmReplace')} checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
              </>
            )}
          </>
        )}
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Group justify="space-between">
          <Button variant="subtle" onClick={props.onCancel}>{t('restore.cancel')}</Button>
          <Button type="submit" loading={busy} disabled={Boolean(manifest) && props.replacesExisting && !confirmed}>{manifest ? t('restore.submit') : t('restore.check')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
