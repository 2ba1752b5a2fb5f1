import { Alert, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { roleText } from './roleText';
import { call } from '../app/api';
import { notify } from '../app/notify';
import { formatDate } from '../clients/format';
import { saveDownload } from '../directory/directoryUi';
import { SafetyCode, useHandoverErrorText } from '../handover/handoverUi';

/** On paper only the card: no navigation, no buttons, no header of the app. */
const PRINT_CSS = `@media print {
  .mantine-AppShell-header, .mantine-AppShell-navbar, .tc-no-print, .mantine-Notifications-root { display: none !important; }
  .mantine-AppShell-main { padding: 0 !important; }
  .tc-card { border: 1px solid #000 !important; break-inside: avoid; }
}`;

/** A file name from the person's name, without characters that file systems refuse. */
function cardFileName(name: string): string {
  const base = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
  return `${base || 'identity'}.card.json`;
}

/** "My identity card": what the other side pins, the safety code to compare by phone, file, print and QR code. */
export function IdentityPage() {
  const { t, i18n } = useTranslation(['handover', 'common']);
  const errorText = useHandoverErrorText();
  const identity = useQuery({ queryKey: ['identity.get'], queryFn: () => call('identity.get', {}) });

  if (identity.error) return <Alert color="red" role="alert">{errorText(identity.error)}</Alert>;
  if (!identity.data) return <Loader aria-label={t('common:loading')} />;
  const { card, safetyCode, cardText, qrSvg, qrHoldsCard } = identity.data;
  const fileName = cardFileName(card.name);

  return (
    <Stack maw={900}>
      <style>{PRINT_CSS}</style>
      <Title order={2}>{t('identity.title')}</Title>
      <Text className="tc-no-print">{t('identity.intro')}</Text>
      <Paper withBorder p="lg" className="tc-card" data-testid="identity-card">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <Stack gap="xs">
            <Fact label={t('identity.name')} value={card.name} />
            {card.role && <Fact label={t('identity.role')} value={roleText(card.role)} />}
            <Fact label={t('identity.organisation')} value={card.organisation} />
            <Fact label={t('identity.created')} value={formatDate(card.createdAt, i18n.language) ?? ''} />
            <Fact label={t('identity.expires')} value={formatDate(card.expiresAt, i18n.language) ?? ''} />
            <Fact label={t('identity.fingerprint')} value={card.fingerprint.match(/.{1,16}/g)!.join(' ')} mono />
            {card.recipients.hybrid && <Text size="sm" c="dimmed">{t('identity.postQuantum')} ✓</Text>}
          </Stack>
          <Stack align="center" gap="xs">
            <img
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg)}`}
              alt={qrHoldsCard ? t('identity.qrAlt') : t('identity.qrAltFingerprint')}
              style={{ width: 240, height: 240, imageRendering: 'pixelated' }}
            />
            {!qrHoldsCard && <Text size="xs" c="dimmed" ta="center">{t('identity.qrHoldsFingerprint')}</Text>}
          </Stack>
        </SimpleGrid>
        <Stack gap={4} mt="lg">
          <Text fw={700} id="own-safety-code-label">{t('identity.safetyCode')}</Text>
          <SafetyCode code={safetyCode} aria-labelledby="own-safety-code-label" data-testid="own-safety-code" />
          <Text size="sm" c="dimmed">{t('identity.safetyCodeHint')}</Text>
        </Stack>
      </Paper>
      <Group className="tc-no-print">
        <Button
          onClick={() => {
            saveDownload(fileName, cardText, 'application/json');
            notify(t('identity.saved', { file: fileName }));
          }}
        >
          {t('identity.save')}
        </Button>
        <Button variant="default" onClick={() => window.print()}>{t('identity.print')}</Button>
      </Group>
      <Textarea className="tc-no-print" label={t('identity.cardText')} value={cardText} readOnly autosize minRows={3} maxRows={8} styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }} onFocus={(e) => e.currentTarget.select()} />
    </Stack>
  );
}

function Fact({ label, value, mono = false }: { label: string; value: string; mono?: boolean }) {
  return (
    <div>
      <Text size="sm" c="dimmed">{label}</Text>
      <Text fw={600} ff={mono ? 'monospace' : undefined} style={{ wordBreak: 'break-word' }}>{value}</Text>
    </div>
  );
}
