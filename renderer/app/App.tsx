import { useCallback, useEffect, useState } from 'react';
import { MantineProvider, createTheme, Center, Loader, type CSSVariablesResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, onLocked, onOsLockRequested } from './api';
import { setValidationLanguage } from './validation';
import { SetupWizard } from '../setup/SetupWizard';
import { LockScreen } from '../session/LockScreen';
import { Shell } from './Shell';
import { flushAllDrafts } from '../drafts/useDraftForm';
import { useIdleLock } from '../session/useIdleLock';
import type { Language } from '../../shared/i18n';

// Shades chosen for WCAG AA contrast (axe checks every screen): darker primary, darker "dimmed" text.
const theme = createTheme({ primaryColor: 'indigo', primaryShade: 8, defaultRadius: 'md', fontFamily: 'system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif' });
/** Dimmed text and error messages one shade darker than Mantine's defaults: axe's 4.5:1 contrast on white. */
const cssVariablesResolver: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-9)' }, dark: {} });

export function App() {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } }));
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <Root />
      </QueryClientProvider>
    </MantineProvider>
  );
}

function Root() {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['app.status'], queryFn: () => call('app.status', {}) });
  const [lockedNotice, setLockedNotice] = useState(false);

  useEffect(() => setValidationLanguage(i18n.language as Language), [i18n.language]);

  /** Locking: save every draft first, then close the session, then drop every cached record from memory. */
  const lock = useCallback(
    async (reason: 'user' | 'idle' | 'os') => {
      await flushAllDrafts();
      await call('session.lock', { reason }).catch(() => undefined);
      setLockedNotice(reason !== 'user');
      await queryClient.refetchQueries({ queryKey: ['app.status'] });
      // Every cached record leaves memory; only the status (no client data) stays.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'app.status' });
    },
    [queryClient],
  );

  useEffect(() => onLocked(() => void lock('idle')), [lock]);
  useEffect(() => onOsLockRequested(() => void lock('os')), [lock]);
  const state = status.data?.state;
  useIdleLock(state === 'unlocked' ? (status.data?.autoLockMinutes ?? 5) : null, () => void lock('idle'));

  const refresh = () => {
    setLockedNotice(false);
    void queryClient.invalidateQueries();
  };

  if (!status.data) {
    return (
      <Center h="100vh">
        <Loader aria-label="…" />
      </Center>
    );
  }
  if (state === 'uninitialized') return <SetupWizard onDone={refresh} />;
  if (state === 'unlocked' && status.data.user) {
    return <Shell user={status.data.user} status={status.data} onLock={() => void lock('user')} />;
  }
  // Locked or recovery: only the lock form is rendered, no client data.
  return <LockScreen organisation={status.data.organisation} lockedNotice={lockedNotice} recovery={state === 'recovery'} onUnlocked={refresh} />;
}
