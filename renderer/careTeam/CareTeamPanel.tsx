import { useState } from 'react';
import { Alert, Button, Group, List, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { notify } from '../app/notify';
import { useErrorText } from '../app/i18n';
import { CARE_TEAM_ROLES, type CareTeam } from '../../shared/schemas/careTeam';

/** The client's care team on the record: the responsible worker, the members, and (for who may) add and remove. */
export function CareTeamPanel({ clientId, readOnly }: { clientId: string; readOnly: boolean }) {
  const { t } = useTranslation('careTeam');
  const tc = useTranslation('common').t;
  const errorText = useErrorText('careTeam');
  const queryClient = useQueryClient();
  const team = useQuery({ queryKey: ['careTeam.get', clientId], queryFn: () => call('careTeam.get', { clientId }) });
  const directory = useQuery({ queryKey: ['users.directory'], queryFn: () => call('users.directory', {}) });
  const [picked, setPicked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  if (team.error) return <Alert color="red" role="alert">{errorText(team.error)}</Alert>;
  if (!team.data) return null;
  const data = team.data;
  const taken = new Set([data.responsibleWorker.id, ...data.members.map((m) => m.userId)]);
  // Picked from the list of colleagues, never typed: caseworkers and clinicians not yet on the team.
  const candidates = (directory.data ?? [])
    .filter((u) => (CARE_TEAM_ROLES as readonly string[]).includes(u.role) && !taken.has(u.id))
    .map((u) => ({ value: u.id, label: `${u.displayName} (${tc(`roles.${u.role}`)})` }));
  const canManage = data.mayManage && !readOnly;

  const run = (fn: () => Promise<CareTeam>, done: (name: string) => string, name: string) => {
    setSaving(true);
    setError(null);
    fn()
      .then((saved) => {
        queryClient.setQueryData(['careTeam.get', clientId], saved);
        setPicked(null);
        notify(done(name));
      })
      .catch((e) => setError(errorText(e)))
      .finally(() => setSaving(false));
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="care-team-title">
      <Title order={3} size="h5" mb="sm" id="care-team-title">{t('title')}</Title>
      <Stack gap="sm">
        <div>
          <Text size="sm" c="dimmed">{t('responsible')}</Text>
          <Text fw={500}>{data.responsibleWorker.displayName}</Text>
        </div>
        <div>
          <Text size="sm" c="dimmed">{t('members')}</Text>
          {data.members.length === 0 ? (
            <Text>{t('none')}</Text>
          ) : (
            <List listStyleType="none" spacing={4} aria-label={t('members')}>
              {data.members.map((m) => (
                <List.Item key={m.userId}>
                  <Group gap="sm">
                    <Text fw={500}>{m.displayName}</Text>
                    <Text size="sm" c="dimmed">{tc(`roles.${m.role}`)}</Text>
                    {canManage && (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        aria-label={t('removeLabel', { name: m.displayName })}
                        loading={saving}
                        onClick={() => run(() => call('careTeam.remove', { clientId, userId: m.userId }), (name) => t('removed', { name }), m.displayName)}
                      >
                        {t('remove')}
                      </Button>
                    )}
                  </Group>
                </List.Item>
              ))}
            </List>
          )}
        </div>
        {canManage ? (
          <Group align="flex-end" gap="sm">
            <Select
              label={t('pick')}
              placeholder={candidates.length ? t('pickPlaceholder') : t('noCandidates')}
              data={candidates}
              value={picked}
              onChange={setPicked}
              searchable
              disabled={!candidates.length}
              style={{ flex: '1 1 auto', maxWidth: 360 }}
            />
            <Button
              disabled={!picked}
              loading={saving}
              onClick={() => picked && run(() => call('careTeam.add', { clientId, userId: picked }), (name) => t('added', { name }), candidates.find((c) => c.value === picked)?.label ?? '')}
            >
              {t('add')}
            </Button>
          </Group>
        ) : (
          !readOnly && <Text size="sm" c="dimmed">{t('onlyManager')}</Text>
        )}
        <Text size="sm" c="dimmed">{t('healthRule')}</Text>
        {error && <Alert color="red" role="alert">{error}</Alert>}
      </Stack>
    </Paper>
  );
}
