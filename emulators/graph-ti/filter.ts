// The $filter the tiIndicators list answers here: `eq` on externalId or targetProduct with a string
// literal ('' for a quote inside it), clauses joined by `and`. Read by a scanner, one pass over the
// text, so a long or hostile filter costs time linear in its length.
// https://learn.microsoft.com/graph/filter-query-parameter

export const FILTERABLE = new Set(['externalId', 'targetProduct']);

export type TiPredicate = (entity: Record<string, unknown>) => boolean;

export class TiFilterError extends Error {}

export function parseTiFilter(text: string): TiPredicate {
  const clauses: Array<{ property: string; value: string }> = [];
  let i = 0;
  const spaces = () => {
    while (text[i] === ' ') i += 1;
  };
  const word = () => {
    const start = i;
    while (i < text.length && /[A-Za-z]/.test(text[i] as string)) i += 1;
    return text.slice(start, i);
  };
  for (;;) {
    spaces();
    const property = word();
    if (!FILTERABLE.has(property))
      throw new TiFilterError(
        `Invalid filter clause: only ${[...FILTERABLE].join(' and ')} can be filtered on.`,
      );
    spaces();
    if (word().toLowerCase() !== 'eq')
      throw new TiFilterError('Invalid filter clause: only eq is supported.');
    spaces();
    if (text[i] !== "'") throw new TiFilterError('Invalid filter clause: a string literal is expected.');
    i += 1;
    let value = '';
    for (;;) {
      if (i >= text.length) throw new TiFilterError('Invalid filter clause: unterminated string literal.');
      const c = text[i] as string;
      if (c === "'" && text[i + 1] === "'") {
        value += "'";
        i += 2;
      } else if (c === "'") {
        i += 1;
        break;
      } else {
        value += c;
        i += 1;
      }
    }
    clauses.push({ property, value });
    spaces();
    if (i >= text.length) break;
    if (word().toLowerCase() !== 'and' || text[i] !== ' ')
      throw new TiFilterError('Invalid filter clause: clauses are joined with and.');
  }
  return (entity) => clauses.every((c) => entity[c.property] === c.value);
}
