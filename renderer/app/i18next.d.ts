import type { locales } from '../../shared/i18n';

type Cs = { [N in keyof typeof locales]: (typeof locales)[N]['cs'] };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: Cs;
  }
}
