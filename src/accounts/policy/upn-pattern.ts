// A template's upnPattern (`{given}.{surname}`, `{initial}{surname}`, `s-{surname}{initial}`) parsed
// once at configuration load into literal and placeholder parts, so a bad pattern fails at boot and
// building a name is a walk over a handful of parts.
import { UpnPatternError } from '../errors.js';
import { MAX_ACCOUNT_NAME } from './transliterate.js';

export const UPN_PLACEHOLDERS = ['given', 'surname', 'initial', 'surnameInitial'] as const;
export type UpnPlaceholder = (typeof UPN_PLACEHOLDERS)[number];

export type UpnPatternPart = { literal: string } | { placeholder: UpnPlaceholder };

export interface UpnPattern {
  readonly source: string;
  readonly parts: readonly UpnPatternPart[];
}

/** Literals may hold what a built name may: lower-case letters, digits and the three separators. */
const isLiteralChar = (c: string): boolean =>
  (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '.' || c === '-' || c === '_';

export const isSeparator = (c: string | undefined): boolean => c === '.' || c === '-' || c === '_';

export function compileUpnPattern(source: string): UpnPattern {
  if (source.length === 0 || source.length > MAX_ACCOUNT_NAME)
    throw new UpnPatternError(source, `must be 1 to ${MAX_ACCOUNT_NAME} characters`);
  const parts: UpnPatternPart[] = [];
  let literal = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '{') {
      const end = source.indexOf('}', i + 1);
      if (end < 0) throw new UpnPatternError(source, 'a { is never closed');
      const name = source.slice(i + 1, end);
      if (!(UPN_PLACEHOLDERS as readonly string[]).includes(name))
        throw new UpnPatternError(
          source,
          `unknown placeholder {${name}} (known: ${UPN_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`,
        );
      if (literal) parts.push({ literal });
      literal = '';
      parts.push({ placeholder: name as UpnPlaceholder });
      i = end + 1;
      continue;
    }
    if (!isLiteralChar(c))
      throw new UpnPatternError(source, `${JSON.stringify(c)} may not appear (a-z, 0-9, . - _ only)`);
    literal += c;
    i++;
  }
  if (literal) parts.push({ literal });
  const names = parts.filter(
    (p) => 'placeholder' in p && (p.placeholder === 'given' || p.placeholder === 'surname'),
  );
  if (names.length === 0) throw new UpnPatternError(source, 'needs {given} or {surname}');
  return Object.freeze({ source, parts: Object.freeze(parts) });
}
