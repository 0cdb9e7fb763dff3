// Pieces shared by both alert mappings: sensors by product, timestamps, and the sighting's frame.
import type { CtimObservable, ObservedRelation, Sensor } from '../../../ctim/index.js';
import type { Observable } from '../../../protocol/schemas.js';

export const SOURCE = 'Microsoft Graph Security';

/** Sensor by the Defender product that raised the alert (reference/relay.md §9). */
export function sensorFor(serviceSource: string | null | undefined): Sensor {
  switch ((serviceSource ?? '').toLowerCase()) {
    case 'microsoftdefenderforoffice365':
      return 'process.email-service';
    case 'microsoftdefenderforidentity':
    case 'azureadidentityprotection':
      return 'process.directory-service';
    case 'microsoftdefenderforcloudapps':
      return 'network.proxy';
    case 'microsoftdefenderforcloud':
      return 'process.virtualization-service';
    default:
      return 'endpoint';
  }
}

/** Seconds, their fraction and the zone of an ISO instant; the fraction is kept apart from Date. */
const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.(\d+)(Z|[+-]\d{2}:\d{2})$/i;
/** Nanoseconds: finer than any Microsoft API reports (100 ns ticks), and what CTIM consumers parse. */
const MAX_FRACTION_DIGITS = 9;

/**
 * A valid ISO timestamp in UTC, or undefined; Graph sometimes sends null or 0001-01-01. Graph and
 * Defender times carry seven fractional digits (2026-03-02T09:00:00.1234567Z), which a Date would
 * cut to milliseconds: they are kept as the source gave them (up to nine).
 */
export function isoOrUndefined(v: string | null | undefined): string | undefined {
  if (!v) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t) || t <= 0) return undefined;
  const m = INSTANT.exec(v);
  const fraction = m?.[2];
  if (!m || !fraction || fraction.length <= 3) return new Date(t).toISOString();
  const seconds = new Date(Date.parse(`${m[1]}${m[3]}`)).toISOString().slice(0, -5);
  return `${seconds}.${fraction.slice(0, MAX_FRACTION_DIGITS)}Z`;
}

/**
 * A web link from Graph worth handing to an analyst: an absolute http(s) URL of sane length, else
 * undefined. Threat Response renders these as links, so `javascript:` and the like never pass.
 */
export function webUrl(v: string | null | undefined): string | undefined {
  if (!v || v.length > 2048) return undefined;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:' ? v : undefined;
  } catch {
    return undefined;
  }
}

export function truncate(s: string | null | undefined, max: number): string | undefined {
  if (!s) return undefined;
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/**
 * The matched observables, each once. The relay admits only the module's CTIM observable types, and
 * the sighting builder validates the result, so the request's strings may be typed as CTIM here.
 */
export function uniqueObservables(list: readonly Observable[]): CtimObservable[] {
  const seen = new Set<string>();
  return list.filter((o) => {
    const k = `${o.type}\u0000${o.value}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  }) as CtimObservable[];
}

/** `File_Name_Of` / `File_Path_Of` relations from a file's name and folder to its hash. */
export function fileRelations(
  origin: string,
  file: { name?: string | null | undefined; path?: string | null | undefined },
  hash: CtimObservable,
): ObservedRelation[] {
  const out: ObservedRelation[] = [];
  if (file.name)
    out.push({
      origin,
      relation: 'File_Name_Of',
      source: { type: 'file_name', value: file.name },
      related: hash,
    });
  if (file.path)
    out.push({
      origin,
      relation: 'File_Path_Of',
      source: { type: 'file_path', value: file.path },
      related: hash,
    });
  return out;
}
