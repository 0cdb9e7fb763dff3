// URL paths built from caller values: each value becomes exactly one path segment, so an id or a
// mailbox name holding `/`, `?`, `#` or `..` cannot change which resource a request reaches.

/**
 * One path segment from a caller value: percent-encoded, and never empty, `.` or `..` (URL resolution
 * turns those into another path even when encoded as `%2E`).
 */
export function segment(value: string): string {
  if (value === '' || value === '.' || value === '..') throw new TypeError('invalid path segment');
  return encodeURIComponent(value);
}

/**
 * A path template whose every interpolated value goes through `segment`:
 * safePath`/users/${mailbox}/messages/${id}` → `/users/a%40b/messages/AAk%2Fx`.
 */
export function safePath(literals: TemplateStringsArray, ...values: readonly string[]): string {
  let out = literals[0] ?? '';
  values.forEach((v, i) => {
    out += segment(v) + (literals[i + 1] ?? '');
  });
  return out;
}
