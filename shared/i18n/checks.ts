import type { locales } from './index';

/**
 * Compile-time checks of the texts (the typecheck fails, naming the keys; no runtime test needed): every key
 * exists in Czech and in English, and every Czech plural has all the forms i18next uses for Czech
 * (one, few, many, other).
 */
type Leaves<T, P extends string = ''> = T extends string
  ? P
  : { [K in keyof T & string]: Leaves<T[K], P extends '' ? K : `${P}.${K}`> }[keyof T & string];

type LocalePairs = Record<string, { cs: object; en: object }>;
type Cs<L extends LocalePairs, N extends keyof L> = Leaves<L[N]['cs']>;
type En<L extends LocalePairs, N extends keyof L> = Leaves<L[N]['en']>;

/** `namespace:key` for each key that one language has and the other lacks. */
export type KeysInOneLanguageOnly<L extends LocalePairs> = {
  [N in keyof L & string]: `${N}:${Exclude<Cs<L, N>, En<L, N>> | Exclude<En<L, N>, Cs<L, N>>}`;
}[keyof L & string];

/** `namespace:key` for each Czech plural form missing beside an existing `_one`. */
export type MissingCzechPluralForms<L extends LocalePairs> = {
  [N in keyof L & string]: {
    [K in Cs<L, N>]: K extends `${infer Base}_one` ? `${N}:${Exclude<`${Base}_${'few' | 'many' | 'other'}`, Cs<L, N>>}` : never;
  }[Cs<L, N>];
}[keyof L & string];

type Problems<L extends LocalePairs> = KeysInOneLanguageOnly<L> | MissingCzechPluralForms<L>;
/** `true` when the texts are complete; otherwise the names of the missing keys, so `= true` fails to compile. */
export type TextsComplete<L extends LocalePairs> = [Problems<L>] extends [never] ? true : `missing text: ${Problems<L>}`;

export const textsComplete: TextsComplete<typeof locales> = true;
