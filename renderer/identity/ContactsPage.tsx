import { useState } from 'react';
import { Alert, Button, FileInput, Group, Loader, Modal, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../shared/api';
import type { Contact } from '../../shared/schemas/identity';
import { roleText } from './roleText';
import { call } from '../app/api';
import { notify } from '../app/notify';
import { formatDate } from '../clients/format';
import { SafetyCode, TrustBadge, useHandoverErrorText } from '../handover/handoverUi';

/** "Trusted contacts": the address book of people cases go to; unverified ones are marked in words and colour. */
export function ContactsPage() {
  const { t, i18n } = useTranslation(['handover', 'common']);
  const errorText = useHandoverErrorText();
  const queryClient = useQueryClient();
  const contacts = useQuery({ queryKey: ['trustedContacts.list'], queryFn: () => call('trustedContacts.list', {}) });
  const [adding, setAdding] = useState(false);
  const [replacing, setReplacing] = useState<Contact | null>(null);
  const [verifying, setVerifying] = useState<Contact | null>(null);
  const [removing, setRemoving] = useState<Contact | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['trustedContacts.list'] });

  const remove = async (c: Contact) => {
    try {
      await call('trustedContacts.remove', { id: c.id });
      notify(t('contacts.removed'));
      setRemoving(null);
      await refresh();
    } catch (e) {
      notify(errorText(e), 'red');
    }
  };

  return (
    <Stack maw={1100}>
      <Title order={2}>{t('contacts.title')}</Title>
      <Text>{t('contacts.intro')}</Text>
      {contacts.error && <Alert color="red" role="alert">{errorText(contacts.error)}</Alert>}
      {!contacts.data && !contacts.error && <Loader aria-label={t('common:loading')} />}
      {contacts.data && contacts.data.length === 0 && <Text c="dimmed">{t('contacts.empty')}</Text>}
      {contacts.data && contacts.data.length > 0 && (
        <Table striped withTableBorder verticalSpacing="sm" aria-label={t('contacts.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('contacts.name')}</Table.Th>
              <Table.Th>{t('contacts.organisation')}</Table.Th>
              <Table.Th>{t('contacts.state')}</Table.Th>
              <Table.Th>{t('contacts.added')}</Table.Th>
              <Table.Th>{t('contacts.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contacts.data.map((c) => (
              <Table.Tr key={c.id} data-testid="contact-row" style={c.verification === 'unverified' ? { background: 'var(--mantine-color-orange-0)' } : undefined}>
                <Table.Td>
                  <Text fw={600}>{c.name}</Text>
                  {c.role && <Text size="sm" c="dimmed">{roleText(c.role)}</Text>}
                </Table.Td>
                <Table.Td>{c.organisation}</Table.Td>
                <Table.Td>
                  <TrustBadge verification={c.verification} />
                  {c.verification === 'unverified' && <Text size="xs" mt={4}>{t('contacts.unverifiedHint')}</Text>}
                </Table.Td>
                <Table.Td>{formatDate(c.addedAt, i18n.language)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {c.verification === 'unverified' && (
                      <Button size="xs" onClick={() => setVerifying(c)} aria-label={`${t('contacts.verify')}: ${c.name}`}>{t('contacts.verify')}</Button>
                    )}
                    <Button size="xs" variant="default" onClick={() => { setAdding(false); setReplacing(c); }} aria-label={`${t('contacts.replace')}: ${c.name}`}>{t('contacts.replace')}</Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(c)} aria-label={`${t('contacts.remove')}: ${c.name}`}>{t('contacts.remove')}</Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!adding && !replacing && (
        <Group><Button onClick={() => setAdding(true)}>{t('contacts.add')}</Button></Group>
      )}
      {(adding || replacing) && (
        <AddContactPanel
          key={replacing?.id ?? 'new'}
          replacing={replacing}
          onDone={async () => { setAdding(false); setReplacing(null); await refresh(); }}
          onCancel={() => { setAdding(false); setReplacing(null); }}
        />
      )}
      <Modal opened={verifying !== null} onClose={() => setVerifying(null)} title={verifying ? t('contacts.verifyTitle', { name: verifying.name }) : ''} size="lg">
        {verifying && <VerifyForm contact={verifying} onDone={async () => { setVerifying(null); await refresh(); }} />}
      </Modal>
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title={removing ? t('contacts.removeTitle', { name: removing.name }) : ''}>
        <Stack>
          <Text>{t('contacts.removeText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>{t('contacts.cancel')}</Button>
            <Button color="red" onClick={() => removing && void remove(removing)}>{t('contacts.remove')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** Type the code heard on the phone; it must equal the card's code (checked on the Node side too). */
function VerifyForm({ contact, onDone }: { contact: Contact; onDone: () => Promise<void> }) {
  const { t } = useTranslation(['handover', 'common']);
  const errorText = useHandoverErrorText();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      const c = await call('trustedContacts.verify', { id: contact.id, safetyCode: code });
      notify(t('contacts.verifiedDone', { name: c.name }));
      await onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
      <Stack>
        <Text>{t('contacts.verifyHint', { name: contact.name })}</Text>
        <div>
          <Text size="sm" c="dimmed" id="verify-code-label">{t('contacts.codeOnCard')}</Text>
          <SafetyCode code={contact.safetyCode} aria-labelledby="verify-code-label" data-testid="contact-safety-code" />
        </div>
        <TextInput label={t('contacts.typeCode')} description={t('contacts.typeCodeHint')} required value={code} onChange={(e) => setCode(e.currentTarget.value)} inputMode="numeric" autoComplete="off" styles={{ input: { fontFamily: 'monospace', fontSize: 18 } }} data-autofocus />
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Group justify="flex-end"><Button type="submit">{t('contacts.markVerified')}</Button></Group>
      </Stack>
    </form>
  );
}

type Inspected = OutputOf<'trustedContacts.inspectCard'>;

/** Add (or replace) a contact from a card file or pasted text: check it first, then add verified or not. */
function AddContactPanel({ replacing, onDone, onCancel }: { replacing: Contact | null; onDone: () => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation(['handover', 'common']);
  const errorText = useHandoverErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState('');
  const [cardText, setCardText] = useState<string | null>(null);
  const [inspected, setInspected] = useState<Inspected | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const title = replacing ? t('contacts.replaceTitle', { name: replacing.name }) : t('contacts.addTitle');

  const check = async () => {
    setError(null);
    setInspected(null);
    const text = file ? await file.text() : pasted.trim();
    if (!text) return setError(t('contacts.cardNeeded'));
    try {
      const result = await call('trustedContacts.inspectCard', { cardText: text });
      setCardText(text);
      setInspected(result);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const add = async (verify: boolean) => {
    if (!cardText) return;
    setError(null);
    try {
      const c = await call('trustedContacts.add', { cardText, ...(verify ? { verifiedCode: code } : {}), ...(replacing ? { replaceContactId: replacing.id } : {}) });
      notify(t('contacts.addedContact', { name: c.name }));
      await onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const known = inspected?.existingContactId && inspected.existingContactId !== replacing?.id;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="add-contact-title">
      <Stack>
        <Title order={3} size="h4" id="add-contact-title">{title}</Title>
        <FileInput label={t('contacts.cardFile')} description={t('contacts.cardFileHint')} accept=".json,application/json,text/plain" value={file} onChange={(f) => { setFile(f); setInspected(null); }} clearable />
        <Textarea label={t('contacts.pasteCard')} value={pasted} onChange={(e) => { setPasted(e.currentTarget.value); setInspected(null); }} autosize minRows={2} maxRows={6} styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }} disabled={file !== null} />
        {!inspected && (
          <Group>
            <Button onClick={() => void check()}>{t('contacts.check')}</Button>
            <Button variant="default" onClick={onCancel}>{t('contacts.cancel')}</Button>
          </Group>
        )}
        {inspected && (
          <Stack gap="sm" data-testid="inspected-card">
            <Text fw={700} size="lg">{t('contacts.cardFrom', { name: inspected.card.name, organisation: inspected.card.organisation })}</Text>
            <div>
              <Text size="sm" c="dimmed" id="inspected-code-label">{t('contacts.codeOnCard')}</Text>
              <SafetyCode code={inspected.safetyCode} aria-labelledby="inspected-code-label" />
            </div>
            {known ? (
              <Alert color="yellow">{t('contacts.alreadyContact')}</Alert>
            ) : (
              <>
                <Text>{t('contacts.compareNow')}</Text>
                <TextInput label={t('contacts.typeCode')} description={t('contacts.typeCodeHint')} value={code} onChange={(e) => setCode(e.currentTarget.value)} inputMode="numeric" autoComplete="off" styles={{ input: { fontFamily: 'monospace', fontSize: 18 } }} />
                <Group>
                  <Button onClick={() => void add(true)} disabled={code.replace(/\D/g, '').length !== 30}>{t('contacts.addVerified')}</Button>
                  <Button variant="default" color="orange" onClick={() => void add(false)}>{t('contacts.addUnverified')}</Button>
                  <Button variant="subtle" onClick={onCancel}>{t('contacts.cancel')}</Button>
                </Group>
              </>
            )}
          </Stack>
        )}
        {error && <Alert color="red" role="alert">{error}</Alert>}
      </Stack>
    </Paper>
  );
}
