// Whether a panel cell is a whole ISO 8601 UTC time, which the page shows as a <time>.
export function isIsoTime(cell: string): boolean {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/.test(cell) && !Number.isNaN(Date.parse(cell));
}

/** `a `b` c` → text and code spans, each escaped by the template; a hint's only markup. */
export function codeSpans(text: string): Array<{ text: string; code: boolean }> {
  return text.split('`').map((t, i) => ({ text: t, code: i % 2 === 1 }));
}
