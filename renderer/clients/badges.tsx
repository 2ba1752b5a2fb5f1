import type React from 'react';
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClientStatus, Sex } from '../../shared/schemas/client';
import { sexContext } from './sexContext';
import type { CaseloadFlag } from '../../shared/schemas/caseload';

// A pale tint with near-black text: readable (WCAG AA) for every colour and calm; the colour is a hint, the word says it.
function tint(color: string) {
  return { '--badge-bg': `var(--mantine-color-${color}-1)`, '--badge-color': 'var(--mantine-color-dark-9)', '--badge-bd': `1px solid var(--mantine-color-${color}-4)` } as React.CSSProperties;
}
const STATUS_COLOR: Record<ClientStatus, string> = { intake: 'blue', active: 'teal', released: 'violet', followUp: 'cyan', closed: 'gray' };
const FLAG_COLOR: Record<CaseloadFlag, string> = {
  releaseSoonChecklistIncomplete: 'red',
  releaseOverdue: 'orange',
  handedOver: 'gray',
  receiptPending: 'yellow',
  receiptOverdue: 'red',
  noRecentContact: 'orange',
};

export { tint as badgeTint };

export function StatusBadge({ status, size = 'sm', sex }: { status: ClientStatus; size?: 'sm' | 'md' | 'lg'; sex?: Sex }) {
  const { t } = useTranslation('clients');
  const color = STATUS_COLOR[status];
  return (
    <Badge variant="light" size={size} tt="none" fw={600} style={{ ...tint(color), minWidth: 'max-content' }}>
      {t(`status.${status}`, sexContext(sex))}
    </Badge>
  );
}

export function FlagBadge({ flag }: { flag: CaseloadFlag }) {
  const { t } = useTranslation('clients');
  const color = FLAG_COLOR[flag];
  return (
    <Badge variant="light" size="sm" radius="sm" tt="none" fw={600} styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }} style={{ ...tint(color), height: 'auto', minHeight: 20, lineHeight: 1.25, paddingBlock: 2 }}>
      {t(`flags.${flag}`)}
    </Badge>
  );
}
