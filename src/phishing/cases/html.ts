// HTML for Archer text fields, which render it: everything taken from a reported message is escaped,
// and lists are cut to a length an analyst reads.
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Items shown per list; the rest are counted. */
export const MAX_LIST = 50;

/**
 * A bulleted list, or "none". Only the items shown are rendered (unwrapping a rewritten link is not
 * free, and a report may hold a thousand URLs). Without `show` the items are HTML already.
 */
export function li(items: readonly string[]): string;
export function li<T>(items: readonly T[], show: (item: T) => string): string;
export function li<T>(items: readonly T[], show?: (item: T) => string): string {
  if (items.length === 0) return '<p>none</p>';
  const render = show ?? ((i: T) => String(i));
  const shown = items.slice(0, MAX_LIST).map((i) => `<li>${render(i)}</li>`);
  return `<ul>${shown.join('')}${items.length > MAX_LIST ? `<li>… ${items.length - MAX_LIST} more</li>` : ''}</ul>`;
}
