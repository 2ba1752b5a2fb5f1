import { useEffect, useRef, useState } from 'react';
import { useForm, schemaResolver, type UseFormInput } from '@mantine/form';
import type { z } from 'zod';
import { call } from '../app/api';

const SAVE_DELAY_MS = 400;
/** Forms register here so that a lock flushes every pending draft before the screen is cleared. */
const pendingFlushes = new Set<() => Promise<void>>();
export async function flushAllDrafts(): Promise<void> {
  await Promise.all([...pendingFlushes].map((flush) => flush().catch(() => undefined)));
}

/**
 * A Mantine form whose values autosave as a draft (debounced) and come back after a reload, a crash or a lock.
 * Secrets (passwords) are never autosaved: list them in `secretFields`.
 */
export function useDraftForm<T extends Record<string, unknown>>(opts: {
  formKey: string;
  schema: z.ZodType;
  initialValues: T;
  secretFields?: (keyof T)[];
}) {
  const form = useForm<T>({
    mode: 'controlled',
    initialValues: opts.initialValues,
    validate: schemaResolver(opts.schema, { sync: true }),
  } as UseFormInput<T>);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const dirtyValues = useRef<T | null>(null);

  const withoutSecrets = (values: T): Record<string, unknown> => {
    const copy: Record<string, unknown> = { ...(values as Record<string, unknown>) };
    for (const key of opts.secretFields ?? []) delete copy[key as string];
    return copy;
  };

  const flush = async () => {
    window.clearTimeout(timer.current);
    const values = dirtyValues.current;
    if (!values) return;
    dirtyValues.current = null;
    await call('drafts.save', { formKey: opts.formKey, data: withoutSecrets(values) });
  };

  useEffect(() => {
    let cancelled = false;
    call('drafts.get', { formKey: opts.formKey })
      .then((draft) => {
        if (cancelled || !draft) return;
        form.setValues({ ...(opts.initialValues as object), ...draft.data } as T);
        setRestoredAt(draft.updatedAt);
      })
      .catch(() => undefined)
      .finally(() => !cancelled && setLoaded(true));
    pendingFlushes.add(flush);
    return () => {
      cancelled = true;
      pendingFlushes.delete(flush);
      void flush().catch(() => undefined);
    };
  }, [opts.formKey]);

  useEffect(() => {
    if (!loaded || !form.isDirty()) return;
    dirtyValues.current = form.getValues();
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush().catch(() => undefined), SAVE_DELAY_MS);
  }, [form.values, loaded]);

  const discard = async () => {
    window.clearTimeout(timer.current);
    dirtyValues.current = null;
    await call('drafts.discard', { formKey: opts.formKey });
    form.setValues(opts.initialValues);
    form.resetDirty(opts.initialValues);
    setRestoredAt(null);
  };

  return { form, restoredAt, discard, loaded };
}
