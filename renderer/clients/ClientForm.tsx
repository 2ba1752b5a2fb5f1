import { useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Button, Checkbox, Fieldset, Group, List, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { sexContext } from './sexContext';
import type { clients } from '../../shared/i18n/locales/clients';
import { notify } from '../app/notify';
import { localized } from '../app/validation';
import { useDraftForm } from '../drafts/useDraftForm';
import { DraftNotice } from '../drafts/DraftNotice';
import { ApiError } from '../../shared/api';
import { clientUpdateSchema } from '../../shared/api/calls/clients';
import type { z } from 'zod';
import { localDate } from '../../shared/plan';
import { CLIENT_CODE_PATTERN, CLIENT_STATUSES, checkClientDatesAt, clientCreateSchema, isoDateSchema, type Client, type ClientStatus, type Sex } from '../../shared/schemas/client';
import type { SessionUser } from '../../shared/schemas/user';
import { useReferenceOptions, useWorkerOptions } from '../reference/useReference';
import { useClientErrorText } from './errorText';
import { formatDate } from './format';
import { DateField } from '../app/DateField';
import { openClient } from './clientNavigation';
import { READABLE_ERRORS, READABLE_TITLE } from './readable';

const SEXES: Sex[] = ['female', 'male', 'other', 'unknown'];
const LANGUAGES = ['cs', 'en'] as const;
const DATE_BOUNDS = { min: '1900-01-01', max: '2100-12-31' };
/** The rules against today, on the day the form is checked (the server applies the same ones on its clock). */
const againstToday = (v: Parameters<ReturnType<typeof checkClientDatesAt>>[0], ctx: z.RefinementCtx) => checkClientDatesAt(localDate(Date.now()))(v, ctx);
const createForm = localized(clientCreateSchema.superRefine(againstToday));
const updateForm = localized(clientUpdateSchema.superRefine(againstToday));

/** The record fields a worker types (W3); `sex` starts empty so that it is a deliberate choice. */
type PersonFields = {
  code: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex: Sex | null;
  nationality: string;
  preferredLanguage: 'cs' | 'en';
  prisonId: string | null;
  sentenceStart: string | null;
  earliestRelease: string | null;
  latestRelease: string | null;
  actualRelease: string | null;
  regionId: string | null;
  municipality: string;
  notes: string;
};
type CreateValues = PersonFields & { assignedWorkerId: string | null; status: ClientStatus };
type EditValues = PersonFields & { id: string; revision: number };
/** Which label names a record field (the ids of prison and region are shown as their names). */
const FIELD_LABEL: Record<keyof PersonFields, keyof (typeof clients)['cs']['fields']> = {
  code: 'code',
  firstName: 'firstName',
  lastName: 'lastName',
  dateOfBirth: 'dateOfBirth',
  sex: 'sex',
  nationality: 'nationality',
  preferredLanguage: 'preferredLanguage',
  prisonId: 'prison',
  sentenceStart: 'sentenceStart',
  earliestRelease: 'earliestRelease',
  latestRelease: 'latestRelease',
  actualRelease: 'actualRelease',
  regionId: 'region',
  municipality: 'municipality',
  notes: 'notes',
};
type DateFieldName = 'dateOfBirth' | 'sentenceStart' | 'earliestRelease' | 'latestRelease' | 'actualRelease';

function blankPerson(): PersonFields {
  return {
    code: '',
    firstName: '',
    lastName: '',
    dateOfBirth: '',
    sex: null,
    nationality: '',
    preferredLanguage: 'cs',
    prisonId: null,
    sentenceStart: null,
    earliestRelease: null,
    latestRelease: null,
    actualRelease: null,
    regionId: null,
    municipality: '',
    notes: '',
  };
}

function personOf(c: Client): PersonFields {
  const { code, firstName, lastName, dateOfBirth, sex, nationality, preferredLanguage, prisonId, sentenceStart, earliestRelease, latestRelease, actualRelease, regionId, municipality, notes } = c;
  return { code, firstName, lastName, dateOfBirth, sex, nationality, preferredLanguage, prisonId, sentenceStart, earliestRelease, latestRelease, actualRelease, regionId, municipality, notes };
}

/** The draft key of the registration form; the client page uses `client:<id>` for editing. */
export const NEW_CLIENT_FORM_KEY = 'client:new';
export const editFormKey = (id: string) => `client:${id}`;

/**
 * Registering a client (`client` absent) or editing one. Autosaves as a draft, validates with the shared
 * schemas, warns about possible duplicates and, for edits, refuses to overwrite a newer version silently.
 */
export function ClientForm({ user, client, onDone, onCancel }: { user?: SessionUser; client?: Client; onDone?: (c: Client) => void; onCancel?: () => void }) {
  const { t, i18n } = useTranslation('clients');
  const tc = useTranslation('common').t;
  const errorText = useClientErrorText();
  const queryClient = useQueryClient();
  const editing = client !== undefined;

  const initialValues: CreateValues | EditValues = editing
    ? { ...personOf(client), id: client.id, revision: client.revision }
    : { ...blankPerson(), assignedWorkerId: user && user.role !== 'evaluator' ? user.id : null, status: 'intake' };
  const { form, restoredAt, discard, loaded } = useDraftForm<CreateValues | EditValues>({
    formKey: editing ? editFormKey(client.id) : NEW_CLIENT_FORM_KEY,
    schema: editing ? updateForm : createForm,
    initialValues,
  });
  const values = form.values;
  const [error, setError] = useState<string | null>(null);
  /** The newer version someone else saved, when saving hit a stale revision. */
  const [conflict, setConflict] = useState<Client | null>(null);
  /** The version the form's values are based on: what "unchanged by the user" means when merging. */
  const base = useRef<PersonFields | null>(editing ? personOf(client) : null);
  const [confirmDuplicate, setConfirmDuplicate] = useState(false);
  /** An actual release entered for a client still in intake or active: offer to move the status along. */
  const [markReleased, setMarkReleased] = useState(true);
  const statusNow = editing ? client.status : (values as CreateValues).status;
  const offerRelease = Boolean(values.actualRelease) && (statusNow === 'intake' || statusNow === 'active');
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // A fresh registration starts with a suggested code; it does not count as typing (no draft for an empty form).
  const suggestion = useQuery({ queryKey: ['clients.suggestCode'], queryFn: () => call('clients.suggestCode', {}), enabled: !editing, staleTime: Infinity, gcTime: 0 });
  const suggested = useRef(false);
  useEffect(() => {
    if (editing || !loaded || suggested.current || restoredAt || form.getValues().code !== '' || !suggestion.data) return;
    suggested.current = true;
    const next = { ...form.getValues(), code: suggestion.data.code };
    form.setValues(next);
    form.resetDirty(next);
  }, [loaded, suggestion.data, restoredAt]);

  // Possible duplicates: asked whenever the name and date of birth (and the code, if valid) are filled in.
  const code = values.code.trim().toUpperCase();
  // Editing: only worth asking when the identity (name, date of birth, code) was changed.
  const identityChanged =
    !editing || !base.current || (['firstName', 'lastName', 'dateOfBirth', 'code'] as const).some((k) => values[k].trim() !== base.current![k]);
  const probeInput =
    identityChanged && values.firstName.trim() && values.lastName.trim() && isoDateSchema.safeParse(values.dateOfBirth).success
      ? {
          firstName: values.firstName.trim(),
          lastName: values.lastName.trim(),
          dateOfBirth: values.dateOfBirth,
          ...(CLIENT_CODE_PATTERN.test(code) ? { code } : {}),
          ...(editing ? { excludeId: client.id } : {}),
        }
      : null;
  const [probe] = useDebouncedValue(probeInput, 400);
  const duplicates = useQuery({
    queryKey: ['clients.checkDuplicates', probe],
    queryFn: () => call('clients.checkDuplicates', probe!),
    enabled: probe !== null,
  });
  const found = probe ? (duplicates.data ?? []) : [];
  const sameCode = found.some((d) => d.reason === 'sameCode');
  const sameNameAndBirth = found.some((d) => d.reason === 'sameNameAndBirth');
  useEffect(() => {
    if (sameCode) form.setFieldError('code', t('duplicates.codeTaken'));
  }, [sameCode]);

  const workers = useWorkerOptions();
  const prisons = useReferenceOptions('prison', [values.prisonId]);
  const regions = useReferenceOptions('region', [values.regionId]);

  // A field is checked when the user leaves it with something typed; empty required fields are reported on saving.
  const input = (field: keyof CreateValues & keyof EditValues) => {
    const props = form.getInputProps(field);
    return {
      ...props,
      onBlur: () => {
        const value = form.getValues()[field];
        if (value !== '' && value !== null) form.validateField(field);
      },
    };
  };

  const dateProps = (field: DateFieldName, required = false) => ({
    ...input(field),
    minDate: DATE_BOUNDS.min,
    maxDate: DATE_BOUNDS.max,
    required,
    emptyValue: required ? ('' as const) : null,
    value: values[field] as string | null,
    onChange: (value: string | null) => form.setFieldValue(field, value as never),
  });

  const showServerError = (e: unknown) => {
    if (editing && e instanceof ApiError && e.code === 'CONFLICT' && e.messageKey === 'errors.staleRevision') {
      call('clients.get', { id: client.id })
        .then(setConflict)
        .catch((err: unknown) => setError(errorText(err)));
      return;
    }
    if (e instanceof ApiError && e.messageKey === 'errors.clientCodeTaken') form.setFieldError('code', t('duplicates.codeTaken'));
    if (e instanceof ApiError && e.messageKey === 'errors.possibleDuplicate') {
      void queryClient.invalidateQueries({ queryKey: ['clients.checkDuplicates'] });
      setConfirmError(t('duplicates.confirmRequired'));
    }
    for (const issue of e instanceof ApiError ? (e.issues ?? []) : []) form.setFieldError(issue.path.replace(/^client\./, ''), issue.message);
    setError(errorText(e));
  };

  const formRef = useRef<HTMLFormElement>(null);
  /** A refused save puts the cursor into the first field that needs attention (top to bottom), so nobody has to hunt. */
  const focusFirstError = (errors: Record<string, unknown>) => {
    const fields = [...(formRef.current?.querySelectorAll<HTMLElement>('[data-path]') ?? [])];
    fields.find((el) => errors[el.dataset.path ?? ''])?.focus();
  };

  const submit = form.onSubmit(async (v) => {
    setError(null);
    setConfirmError(null);
    if (!editing && sameCode) {
      form.setFieldError('code', t('duplicates.codeTaken'));
      return;
    }
    if (!editing && sameNameAndBirth && !confirmDuplicate) {
      setConfirmError(t('duplicates.confirmRequired'));
      document.getElementById('confirm-duplicate')?.focus();
      return;
    }
    setSaving(true);
    try {
      let saved: Client;
      if (editing) {
        const { id, revision, ...person } = v as EditValues;
        saved = await call('clients.update', { ...person, sex: person.sex ?? 'unknown', id, revision });
        if (offerRelease && markReleased) saved = await call('clients.setStatus', { id, status: 'released', revision: saved.revision });
      } else {
        const { assignedWorkerId, ...rest } = v as CreateValues;
        const status = offerRelease && markReleased ? 'released' : rest.status;
        saved = await call('clients.create', { client: { ...rest, status, sex: rest.sex ?? 'unknown', assignedWorkerId: assignedWorkerId ?? '' }, confirmDuplicate: confirmDuplicate && sameNameAndBirth });
      }
      await discard();
      queryClient.setQueryData(['clients.get', saved.id], saved);
      await queryClient.invalidateQueries({ queryKey: ['clients.caseload'] });
      notify(editing ? t('edit.done') : t('register.done', { code: saved.code, ...sexContext(saved.sex) }));
      if (onDone) onDone(saved);
      else openClient(saved.id);
    } catch (e) {
      showServerError(e);
    } finally {
      setSaving(false);
    }
  }, focusFirstError);

  /**
   * After a conflict: the newest version becomes the base; fields the user changed keep the user's value,
   * every other field takes the newest value (so a colleague's change is not undone by stale form values).
   */
  const loadLatest = () => {
    if (!editing || !conflict) return;
    const mine = form.getValues() as EditValues;
    const latestPerson = personOf(conflict);
    const merged = { ...mine, revision: conflict.revision } as Record<string, unknown>;
    for (const key of Object.keys(latestPerson) as (keyof PersonFields)[]) {
      if (mine[key] === base.current?.[key]) merged[key] = latestPerson[key];
    }
    form.setValues(merged as EditValues);
    base.current = latestPerson;
    queryClient.setQueryData(['clients.get', conflict.id], conflict);
    setConflict(null);
    setError(null);
    notify(t('edit.latestLoaded'), 'blue');
  };

  const changedMeanwhile = conflict && base.current ? (Object.keys(base.current) as (keyof PersonFields)[]).filter((k) => conflict[k] !== base.current![k]) : [];

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={editing ? t('edit.title') : t('register.title')} style={READABLE_ERRORS}>
      <Stack gap="md">
        <DraftNotice restoredAt={restoredAt} onDiscard={() => void discard()} />

        {found.length > 0 && (
          <Alert color="yellow" variant="light" title={t('duplicates.title')} styles={READABLE_TITLE} data-testid="duplicate-warning" role="status">
            <List size="sm" spacing={4}>
              {found.map((d) => (
                <List.Item key={d.id}>
                  <Anchor component="button" type="button" onClick={() => openClient(d.id)} ff="monospace" c="indigo.9">
                    {d.code}
                  </Anchor>{' '}
                  {d.lastName} {d.firstName}, {t('duplicates.born', { date: formatDate(d.dateOfBirth, i18n.language) })} – {t(`duplicates.${d.reason}`)}
                </List.Item>
              ))}
            </List>
            {!editing && sameNameAndBirth && !sameCode && (
              <Checkbox
                mt="sm"
                id="confirm-duplicate"
                label={t('duplicates.confirm')}
                checked={confirmDuplicate}
                onChange={(e) => {
                  setConfirmDuplicate(e.currentTarget.checked);
                  setConfirmError(null);
                }}
                error={confirmError}
              />
            )}
          </Alert>
        )}

        <Fieldset legend={t('sections.person')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('fields.lastName')} required autoComplete="off" {...input('lastName')} />
            <TextInput label={t('fields.firstName')} required autoComplete="off" {...input('firstName')} />
            <DateField label={t('fields.dateOfBirth')} {...dateProps('dateOfBirth', true)} />
            <TextInput label={t('fields.code')} description={t('fields.codeHint')} required autoComplete="off" styles={{ input: { fontFamily: 'monospace' } }} {...input('code')} />
            <Select label={t('fields.sex')} required data={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))} allowDeselect={false} {...input('sex')} />
            <TextInput label={t('fields.nationality')} {...input('nationality')} />
            <Select label={t('fields.preferredLanguage')} data={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))} allowDeselect={false} {...input('preferredLanguage')} />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('sections.sentence')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select label={t('fields.prison')} data={prisons} searchable clearable {...input('prisonId')} />
            <DateField label={t('fields.sentenceStart')} {...dateProps('sentenceStart')} />
            <span />
            <DateField label={t('fields.earliestRelease')} description={t('fields.earliestReleaseHint')} {...dateProps('earliestRelease')} />
            <DateField label={t('fields.latestRelease')} {...dateProps('latestRelease')} />
            <DateField label={t('fields.actualRelease')} {...dateProps('actualRelease')} />
          </SimpleGrid>
          {offerRelease && (
            <Checkbox mt="sm" label={t('releaseOffer', sexContext(values.sex))} checked={markReleased} onChange={(e) => setMarkReleased(e.currentTarget.checked)} />
          )}
        </Fieldset>

        <Fieldset legend={t('sections.afterRelease')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select label={t('fields.region')} data={regions} searchable clearable {...input('regionId')} />
            <TextInput label={t('fields.municipality')} {...input('municipality')} />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('sections.case')}>
          <Stack>
            {!editing && (
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Select label={t('fields.assignedWorker')} required data={workers} searchable allowDeselect={false} {...form.getInputProps('assignedWorkerId')} />
                <Select
                  label={t('fields.status')}
                  data={CLIENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
                  allowDeselect={false}
                  {...form.getInputProps('status')}
                />
              </SimpleGrid>
            )}
            <Textarea label={t('fields.notes')} autosize minRows={3} maxRows={12} {...input('notes')} />
          </Stack>
        </Fieldset>

        {conflict && (
          <Alert color="orange" role="alert" title={t('edit.conflictTitle')} styles={READABLE_TITLE}>
            <Stack gap="xs">
              <Text size="sm">{t('edit.conflict')}</Text>
              {changedMeanwhile.length > 0 && (
                <Text size="sm">
                  {t('edit.changedMeanwhile', { fields: changedMeanwhile.map((k) => t(`fields.${FIELD_LABEL[k]}`)).join(', ') })}
                </Text>
              )}
              <Group>
                <Button variant="default" size="xs" onClick={loadLatest}>{t('edit.loadLatest')}</Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {error && !conflict && <Alert color="red" role="alert">{error}</Alert>}

        <Group justify="flex-end">
          {onCancel && <Button variant="default" onClick={() => void discard().then(onCancel)}>{tc('cancel')}</Button>}
          <Button type="submit" loading={saving}>{editing ? t('edit.submit') : t('register.submit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
