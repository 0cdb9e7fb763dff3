// Pieces shared by both alert mappings: sensors by product, timestamps, and the sighting's frame.
import type { Observable } from '../../../protocol/schemas.js';

export const SOURCE = 'Microsoft Graph Security';

/** Sensor by the Defender product that raised the alert (reference/relay.md §9). */
export function sensorFor(serviceSource: string | null | undefined): string {
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

/** A valid ISO timestamp or undefined; Graph sometimes sends null or 0001-01-01. */
export function isoOrUndefined(v: string | null | undefined): string | undefined {
  if (!v) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t) || t <= 0) return undefined;
  return new Date(t).toISOString();
}

export function truncate(s: string | null | undefined, max: number): string | undefined {
  if (!s) return undefined;
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export function uniqueObservables(list: readonly Observable[]): Observable[] {
  const seen = new Set<string>();
  return list.filter((o) => {
    const k = `${o.type}\u0000${o.value}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
