// Turns a message catalogue and a locale into the `t` a page uses: the locale's text, else the
// English one, else the id itself (a missing text shows up on the page instead of breaking it; the
// catalogue test finds it first). `{name}` is replaced by the value given for it.
import type { Locale, Messages } from '../platform/feature/index.js';

export type Translate = (id: string, vars?: Readonly<Record<string, string | number>>) => string;

export function translator(messages: Messages, locale: Locale): Translate {
  return (id, vars) => {
    const text = messages[locale][id] ?? messages.en[id] ?? id;
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(vars, name) ? String(vars[name]) : whole,
    );
  };
}

/** Ids present in one locale and not the other: the catalogue test asks for none. */
export function missingTexts(messages: Messages): string[] {
  const en = Object.keys(messages.en);
  const de = Object.keys(messages.de);
  return [
    ...en.filter((k) => !Object.hasOwn(messages.de, k)).map((k) => `de: ${k}`),
    ...de.filter((k) => !Object.hasOwn(messages.en, k)).map((k) => `en: ${k}`),
  ];
}
