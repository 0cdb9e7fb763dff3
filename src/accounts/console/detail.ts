// An audit entry's detail as one line of text: `key: value` pairs, values cut, so a long Graph error
// or a hostile name cannot make a row a page long (the console escapes it as any text).
const MAX = 300;

export function detailText(detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  const parts = Object.entries(detail).map(
    ([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`,
  );
  const s = parts.join('; ');
  return s.length > MAX ? `${s.slice(0, MAX)}…` : s;
}
