import { ROLES } from '../../shared/schemas/user';
import { i18next } from '../app/i18n';

/** A card's role as words: our role codes translated; a role another installation wrote is shown as it came. */
export function roleText(role: string): string {
  const known = ROLES.find((r) => r === role);
  return known ? i18next.t(`common:roles.${known}`) : role;
}
