// Form and progress blocks (platform/feature/console.ts) as the page template draws them: each field
// with an id of its own for its label, a form with a file field sent as multipart/form-data, a form
// whose path is not a console path dropped (it would post elsewhere), and a progress bar whose value
// stays within 0…max with its text.
import type { FormBlock, Locale, ProgressBlock } from '../platform/feature/index.js';
import { consoleHref } from './cells.js';
import { consoleTranslator } from './frame.js';

export interface DrawnForm {
  kind: 'form' | 'text';
  id: string;
  title: string;
  path: string;
  multipart: boolean;
  submit: string;
  confirm?: string;
  hint?: string;
  fields: Array<FormBlock['fields'][number] & { htmlId: string; hintId?: string }>;
  text?: string;
}

export function drawForm(b: FormBlock): DrawnForm | { kind: 'text'; id: string; text: string; tone: 'bad' } {
  const path = consoleHref(b.path);
  if (!path) return { kind: 'text', id: b.id, text: b.title, tone: 'bad' };
  const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
  return {
    kind: 'form',
    id: b.id,
    title: b.title,
    path,
    multipart: b.fields.some((f) => f.kind === 'file'),
    submit: b.submit,
    ...(b.confirm ? { confirm: b.confirm } : {}),
    ...(b.hint ? { hint: b.hint } : {}),
    fields: b.fields.map((f, i) => {
      const htmlId = `f-${slug(b.id)}-${i}-${slug(f.name)}`;
      return { ...f, htmlId, ...(f.hint ? { hintId: `${htmlId}-hint` } : {}) };
    }),
  };
}

export interface DrawnProgress extends ProgressBlock {
  percent: number;
  shown: string;
}

export function drawProgress(b: ProgressBlock, locale: Locale): DrawnProgress {
  const max = Number.isFinite(b.max) && b.max > 0 ? b.max : 1;
  const value = Number.isFinite(b.value) ? Math.min(Math.max(b.value, 0), max) : 0;
  const percent = Math.floor((value / max) * 100);
  const nf = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB');
  const shown =
    b.text ??
    consoleTranslator(locale)('console.progress.text', {
      value: nf.format(value),
      max: nf.format(b.max > 0 ? b.max : 0),
      percent,
    });
  return { ...b, value, max, percent, shown };
}
