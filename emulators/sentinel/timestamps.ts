// STIX timestamps (STIX 2.1 §3.2): RFC 3339 in UTC with a literal Z, seconds required, optional
// fraction. The pattern has no nested quantifiers and a fixed prefix, so it runs in linear time.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

export function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 40 && timestampMs(value) !== undefined;
}

/** Epoch milliseconds of a STIX timestamp, or undefined when it is not one (including 2024-02-30). */
export function timestampMs(value: string): number | undefined {
  const m = TIMESTAMP.exec(value);
  if (!m) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls 2024-02-30 over into March; a round trip of the date part catches it.
  return new Date(ms).toISOString().slice(0, 10) === value.slice(0, 10) ? ms : undefined;
}

/** Compares two STIX timestamps to the nanosecond digit, which epoch milliseconds would cut off. */
export function compareTimestamps(a: string, b: string): number {
  const ma = timestampMs(a) ?? 0;
  const mb = timestampMs(b) ?? 0;
  if (ma !== mb) return ma < mb ? -1 : 1;
  const fa = fraction(a);
  const fb = fraction(b);
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

const fraction = (t: string): string => {
  const dot = t.indexOf('.');
  return dot < 0 ? '000000000' : t.slice(dot + 1, -1).padEnd(9, '0');
};
