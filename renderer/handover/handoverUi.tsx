import type React from 'react';
import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { HANDOVER_SECTIONS } from '../../shared/schemas/handover';
import type { ContactVerification } from '../../shared/schemas/identity';
import { i18next, useErrorText } from '../app/i18n';
import { badgeTint } from '../clients/badges';

/**
 * Errors of identities, contacts, consents and handover files in the user's language. The consent gate names the
 * sections it misses by their keys; they are shown by their translated names.
 */
export function useHandoverErrorText(): (e: unknown) => string {
  const text = useErrorText('handover');
  const sectionName = (s: string) => {
    const known = HANDOVER_SECTIONS.find((x) => x === s);
    return known ? i18next.t(`handover:sections.${known}`) : s;
  };
  return (e) => {
    const sections = e instanceof ApiError ? e.params?.sections : undefined;
    if (!(e instanceof ApiError) || typeof sections !== 'string' || !sections) return text(e);
    const named = sections.split(',').map((s) => sectionName(s.trim())).join(', ');
    return text(new ApiError({ ...e.toPayload(), params: { ...e.params, sections: named } }));
  };
}

/** The badge of a contact's trust: a word and a symbol, never colour alone. */
export function TrustBadge({ verification, size = 'md' }: { verification: ContactVerification | 'unknown'; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation('handover');
  const [color, symbol, label] =
    verification === 'safetyCode'
      ? ['teal', '✓', t('contacts.verified')]
      : verification === 'firstContactPassphrase'
        ? ['blue', '✓', t('contacts.verifiedByPassphrase')]
        : verification === 'unknown'
          ? ['orange', '⚠', t('import.trust.unknown')]
          : ['orange', '⚠', t('contacts.unverified')];
  return (
    <Badge variant="light" size={size} tt="none" fw={600} data-testid="trust-badge" style={{ ...badgeTint(color), height: 'auto' }} styles={{ label: { overflow: 'visible', whiteSpace: 'normal' } }}>
      <span aria-hidden>{symbol} </span>
      {label}
    </Badge>
  );
}

/** A safety code in its six groups, big enough to read aloud over the phone. */
export function SafetyCode({ code, size = 'xl', ...rest }: { code: string; size?: 'lg' | 'xl' } & React.HTMLAttributes<HTMLDivElement>) {
  const groups = code.split(' ');
  return (
    <Text component="div" ff="monospace" fz={size === 'xl' ? 28 : 20} fw={700} lh={1.5} style={{ letterSpacing: '0.06em', wordSpacing: '0.5em' }} {...rest}>
      {groups.map((g, i) => (
        <span key={i} style={{ whiteSpace: 'nowrap' }}>
          {g}
          {i < groups.length - 1 ? ' ' : ''}
        </span>
      ))}
    </Text>
  );
}

export function formatBytes(n: number, language: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: u === 0 ? 0 : 1 }).format(v)} ${units[u]}`;
}

/** A file the user chose in the browser, as base64 for the API (the Node side reads paths itself). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Joins a folder and a file name with the folder's own separator (Windows paths keep backslashes). */
export function joinPath(folder: string, name: string): string {
  const f = folder.trim();
  const sep = f.includes('\\') && !f.includes('/') ? '\\' : '/';
  return f.endsWith(sep) ? `${f}${name}` : `${f}${sep}${name}`;
}

/** Alert titles in near-black: the light alert colours' own title tint fails WCAG contrast. */
export const READABLE_TITLE = { title: { color: 'var(--mantine-color-dark-9)' } };
