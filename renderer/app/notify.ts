import { notifications } from '@mantine/notifications';
import { i18next } from './i18n';

/** A short confirmation or error toast; its close button has a spoken name for screen readers. */
export function notify(message: string, color: 'teal' | 'red' | 'blue' = 'teal'): void {
  notifications.show({ message, color, closeButtonProps: { 'aria-label': i18next.t('common:close') } });
}
