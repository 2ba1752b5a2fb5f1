import { useErrorText } from '../app/i18n';

/** Errors in the client area's texts first (`errors.clientNotFound`, ...). */
export const useClientErrorText = (): ((e: unknown) => string) => useErrorText('clients');
