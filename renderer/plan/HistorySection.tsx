import { useState } from 'react';
import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { hasText, tData } from '../app/i18n';

/** Actions of the contact log and follow-up, under their history label. */
const OTHER_AREAS: Record<string, string> = { 'contactLog.added': 'contactAdded', 'followUp.recorded': 'followUpRecorded' };

/** Who changed what in the plan, from the audit trail (shown on request: it is itself a read of the record). */
export function HistorySection({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation('plan');
  const [open, setOpen] = useState(false);
  const history = useQuery({ queryKey: ['plan.history', clientId], queryFn: () => call('plan.history', { clientId, limit: 100 }), enabled: open });
  // Actions and their details come from the audit trail, which may hold values newer than this build.
  const label = (action: string) => {
    const key = `plan:history.actions.${OTHER_AREAS[action] ?? action.split('.').pop()}` as const;
    return hasText(key) ? tData(key) : action;
  };
  const detail = (prefix: string, value: string) => (hasText(`plan:${prefix}.${value}`) ? tData(`plan:${prefix}.${value}`) : value);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="history-title">
      <Title order={3} size="h4" id="history-title" mb="sm">{t('history.title')}</Title>
      {!open && <Button size="xs" variant="default" onClick={() => setOpen(true)}>{t('history.show')}</Button>}
      {open && history.data?.length === 0 && <Text c="dimmed">{t('history.empty')}</Text>}
      {open && (
        <Stack gap={4} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {history.data?.map((h) => (
            <Text component="li" size="sm" key={h.seq}>
              <Text span c="dimmed">{new Date(h.at).toLocaleString(i18n.language)}</Text> · <b>{h.actorName}</b> {label(h.action)}
              {typeof h.details.itemKey === 'string' && ` – ${detail('checklist.items', h.details.itemKey)}`}
              {typeof h.details.to === 'string' && typeof h.details.itemKey === 'string' && ` → ${detail('checklist.state', h.details.to)}`}
              {typeof h.details.to === 'string' && typeof h.details.taskId === 'string' && ` → ${detail('taskStatus', h.details.to)}`}
              {typeof h.details.domain === 'string' && ` – ${detail('domains', h.details.domain)}`}
              {typeof h.details.kind === 'string' && ` – ${detail('services.kinds', h.details.kind)}`}
              {typeof h.details.milestone === 'string' && ` – ${detail('followUp.milestones', h.details.milestone)}`}
            </Text>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
