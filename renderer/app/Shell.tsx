import { useEffect, useState } from 'react';
import { AppShell, Badge, Button, Group, NavLink, Stack, Text, Title, Paper, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../shared/schemas/user';
import type { OutputOf } from '../../shared/api';
import { LanguageSwitch } from './LanguageSwitch';
import skipLink from './skipLink.module.css';
import { UsersPage } from '../admin/UsersPage';
import { AuditPage } from '../admin/AuditPage';
import { SettingsPage } from '../admin/SettingsPage';
import { AccountPage } from '../account/AccountPage';
import { ClientsArea } from '../caseload/ClientsArea';
import { ReferencePage } from '../reference/ReferencePage';
import { UpcomingReleasesPage } from '../plan/UpcomingReleasesPage';
import { MyTasksPage } from '../plan/MyTasksPage';
import { onClientViewRequested, showClientList } from '../clients/clientNavigation';
import { DirectoryPage } from '../directory/DirectoryPage';
import { IdentityPage } from '../identity/IdentityPage';
import { ContactsPage } from '../identity/ContactsPage';
import { ImportPage } from '../handover/ImportPage';
import { RetentionPage } from '../retention/RetentionPage';
import { DashboardPage } from '../reports/DashboardPage';
import { ProgrammePage } from '../reports/ProgrammePage';
import { BackupWarning } from '../backup/BackupWarning';

type Page = 'reports' | 'programme' | 'caseload' | 'releases' | 'tasks' | 'directory' | 'handoverImport' | 'contacts' | 'identity' | 'home' | 'users' | 'audit' | 'settings' | 'reference' | 'retention' | 'account';
const PAGE_KEY = 'throughcare.page';

/** Which pages a role sees; the Node side enforces the same through each call's access list. */
function pagesFor(user: SessionUser): Page[] {
  if (user.role === 'admin') return ['caseload', 'releases', 'tasks', 'directory', 'handoverImport', 'contacts', 'identity', 'reports', 'programme', 'home', 'users', 'audit', 'settings', 'reference', 'retention', 'account'];
  return user.role === 'evaluator' ? ['reports', 'programme', 'home', 'account'] : ['caseload', 'releases', 'tasks', 'directory', 'handoverImport', 'contacts', 'identity', 'home', 'account'];
}

export function Shell({ user, status, onLock }: { user: SessionUser; status: OutputOf<'app.status'>; onLock: () => void }) {
  const { t } = useTranslation(['common', 'reports', 'directory', 'handover', 'retention']);
  const pages = pagesFor(user);
  // The page survives a lock, so the user returns to where they were typing.
  const [page, setPageState] = useState<Page>(() => {
    const saved = sessionStorage.getItem(PAGE_KEY) as Page | null;
    return saved && pages.includes(saved) ? saved : (pages[0] ?? 'home'); // staff start at their caseload
  });
  const setPage = (p: Page) => {
    sessionStorage.setItem(PAGE_KEY, p);
    setPageState(p);
  };
  const navLabel = (p: Page) =>
    p === 'reports' ? t('reports:nav.dashboard') : p === 'programme' ? t('reports:nav.programme') : p === 'directory' ? t('directory:title') : p === 'handoverImport' ? t('handover:nav.import') : p === 'contacts' ? t('handover:nav.contacts') : p === 'identity' ? t('handover:nav.identity') : p === 'retention' ? t('retention:nav') : t(`nav.${p}`);
  // Opening a client from any page (e.g. a task list) switches to the clients area.
  useEffect(() => onClientViewRequested(() => pages.includes('caseload') && setPage('caseload')), [user.role]);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 0 }} padding="lg">
      <a href="#main-content" className={skipLink.skip} onClick={(e) => { e.preventDefault(); document.getElementById('main-content')?.focus(); }}>{t('skipToContent')}</a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Title order={1} size="h3">Throughcare</Title>
            {status.workstation && <Text c="dimmed" size="sm">· {status.workstation}</Text>}
          </Group>
          <Group>
            <Text size="sm" data-testid="signed-in-as">{t('signedInAs', { name: user.displayName })}</Text>
            <LanguageSwitch />
            <Button variant="light" size="xs" onClick={onLock}>{t('lockNow')}</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        {pages.map((p) => (
          <NavLink key={p} component="button" label={navLabel(p)} active={page === p} variant="filled" onClick={() => { if (p === 'caseload') showClientList(); setPage(p); }} aria-current={page === p ? 'page' : undefined} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1}>
        {page === 'caseload' && <ClientsArea user={user} />}
        {page === 'home' && <Home user={user} status={status} />}
        {page === 'reports' && <DashboardPage user={user} />}
        {page === 'programme' && <ProgrammePage user={user} />}
        {page === 'reference' && <ReferencePage />}
        {page === 'releases' && <UpcomingReleasesPage />}
        {page === 'tasks' && <MyTasksPage />}
        {page === 'directory' && <DirectoryPage user={user} />}
        {page === 'handoverImport' && <ImportPage />}
        {page === 'contacts' && <ContactsPage />}
        {page === 'identity' && <IdentityPage />}
        {page === 'users' && <UsersPage currentUser={user} />}
        {page === 'audit' && <AuditPage />}
        {page === 'settings' && <SettingsPage />}
        {page === 'retention' && <RetentionPage />}
        {page === 'account' && <AccountPage />}
      </AppShell.Main>
    </AppShell>
  );
}

function Home({ user, status }: { user: SessionUser; status: OutputOf<'app.status'> }) {
  const { t } = useTranslation(['common', 'reports', 'directory', 'handover', 'retention']);
  return (
    <Stack>
      <Title order={2}>{t('home.title', { name: user.displayName })}</Title>
      {user.role === 'admin' && <BackupWarning />}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Paper withBorder p="md"><Text c="dimmed" size="sm">{t('home.organisation')}</Text><Text fw={600}>{status.organisation}</Text></Paper>
        <Paper withBorder p="md"><Text c="dimmed" size="sm">{t('home.workstation')}</Text><Text fw={600}>{status.workstation}</Text></Paper>
        <Paper withBorder p="md"><Text c="dimmed" size="sm">{t('home.role')}</Text><Badge>{t(`roles.${user.role}`)}</Badge></Paper>
      </SimpleGrid>
      <Text c="dimmed">{t('home.autoLock', { count: status.autoLockMinutes })}</Text>
    </Stack>
  );
}
