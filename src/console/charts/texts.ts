// The renderer's own words (the description and the data table's first column) in each locale.
import type { Locale } from '../../platform/feature/console.js';

const TEXTS = {
  en: {
    time: 'Time (UTC)',
    empty: 'No data.',
    range: '{buckets} intervals from {start} to {end} UTC.',
    total: '{name}: total {total} {unit}, maximum {max}.',
    lineSeries: '{name}: maximum {max} {unit}, latest {last}.',
    more: 'And {count} more series.',
    none: 'no value',
  },
  de: {
    time: 'Zeit (UTC)',
    empty: 'Keine Daten.',
    range: '{buckets} Intervalle von {start} bis {end} UTC.',
    total: '{name}: insgesamt {total} {unit}, höchstens {max}.',
    lineSeries: '{name}: höchstens {max} {unit}, zuletzt {last}.',
    more: 'Und {count} weitere Reihen.',
    none: 'kein Wert',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type TextId = keyof (typeof TEXTS)['en'];

export function text(locale: Locale, id: TextId, vars: Record<string, string | number> = {}): string {
  return TEXTS[locale][id].replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
