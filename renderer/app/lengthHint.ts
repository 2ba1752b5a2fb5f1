import { i18next } from './i18n';

/**
 * A counter under a text field once it nears its limit ("Napsáno 9 200 z nejvýše 10 000 znaků"): text beyond the
 * limit is refused with a message by the shared schema, never cut off by the field.
 */
export function lengthHint(value: string | null | undefined, max: number): string | undefined {
  const count = value?.length ?? 0;
  if (count < max * 0.8) return undefined;
  return i18next.t('common:lengthCounter', { written: count.toLocaleString(i18next.language), max: max.toLocaleString(i18next.language) });
}
