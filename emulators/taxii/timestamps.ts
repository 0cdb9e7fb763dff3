// TAXII and STIX timestamps (STIX 2.1 §3.2: RFC 3339, UTC, "Z", any fraction of a second) as integer
// microseconds, so the emulator can give every object its own date_added and compare added_after
// exactly: servers answer with sub-millisecond precision, and a client that rounds to milliseconds
// re-reads or skips objects at page edges.

const STAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/** Microseconds since the epoch, or undefined for anything that is not a UTC RFC 3339 timestamp. */
export function parseStamp(text: string): number | undefined {
  const m = STAMP.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac = ''] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return undefined;
  return ms * 1000 + Number(frac.padEnd(6, '0').slice(0, 6));
}

/** 2024-05-01T10:20:30.123456Z */
export function formatStamp(us: number): string {
  const iso = new Date(Math.floor(us / 1000)).toISOString();
  return `${iso.slice(0, 23)}${String(us % 1000).padStart(3, '0')}Z`;
}

/** STIX created/modified keep millisecond precision, as most producers write them. */
export function formatMs(ms: number): string {
  return new Date(ms).toISOString();
}
