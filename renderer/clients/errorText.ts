import { ApiError } from '../../shared/api';
import { i18next, useErrorText } from '../app/i18n';

/** Like useErrorText, but client-area errors (`errors.clientNotFound`, …) are found in the clients namespace too. */
export function useClientErrorText(): (e: unknown) => string {
  const common = useErrorText();
  return (e) => {
    if (e instanceof ApiError && e.messageKey && !i18next.exists(`common:${e.messageKey}`) && i18next.exists(`clients:${e.messageKey}`)) {
      return i18next.t(`clients:${e.messageKey}`, e.params ?? {});
    }
    return common(e);
  };
}
