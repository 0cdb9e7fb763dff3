// A legacy /security/alerts alert → one CTIM sighting, field by field as the seed maps it
// (reference/relay.md §2.7), with its bugs fixed: an unknown severity is Unknown (not a 500), the
// hash type is checked before a hash is called sha256, and the observables are the matched ones.
import {
  type CtimObservable,
  type IdentitySpecification,
  type ObservedRelation,
  type Sensor,
  type Sighting,
  sighting,
  toConfidence,
  toSeverity,
} from '../../../ctim/index.js';
import type { Observable } from '../../../protocol/schemas.js';
import type { LegacyAlert } from '../schemas.js';
import { fileRelations, isoOrUndefined, SOURCE, truncate, uniqueObservables, webUrl } from './common.js';

function sensorOf(alert: LegacyAlert): Sensor {
  const v = alert.vendorInformation;
  const firewall =
    v?.provider === 'Palo Alto Networks' && (v.subProvider === 'NGFW' || v.subProvider === 'NG Firewall');
  return firewall ? 'network.firewall' : 'endpoint';
}

function hashOf(f: NonNullable<LegacyAlert['fileStates']>[number]): CtimObservable | undefined {
  const value = f.fileHash?.hashValue;
  if (!value) return undefined;
  const t = (f.fileHash?.hashType ?? '').toLowerCase();
  if (t === 'sha1') return { type: 'sha1', value };
  if (t === 'md5') return { type: 'md5', value };
  if (t === 'sha256' || /^[0-9a-f]{64}$/i.test(value)) return { type: 'sha256', value };
  return undefined;
}

export function sightingFromLegacyAlert(alert: LegacyAlert, matched: readonly Observable[]): Sighting {
  const when =
    isoOrUndefined(alert.eventDateTime) ?? isoOrUndefined(alert.createdDateTime) ?? new Date(0).toISOString();
  const time = { start_time: when, end_time: when };
  const provider = alert.vendorInformation?.provider ?? SOURCE;
  const targets: IdentitySpecification[] = (alert.hostStates ?? []).flatMap((h) => {
    const observables: CtimObservable[] = [];
    if (h.privateIpAddress) observables.push({ type: 'ip', value: h.privateIpAddress });
    if (h.publicIpAddress) observables.push({ type: 'ip', value: h.publicIpAddress });
    if (h.netBiosName) observables.push({ type: 'hostname', value: h.netBiosName });
    if (h.fqdn) observables.push({ type: 'domain', value: h.fqdn });
    return observables.length > 0
      ? [{ type: 'endpoint' as const, observables, observed_time: time, ...(h.os ? { os: h.os } : {}) }]
      : [];
  });
  const relations: ObservedRelation[] = [];
  for (const c of alert.networkConnections ?? []) {
    if (c.destinationDomain && c.sourceAddress) {
      relations.push({
        origin: provider,
        relation: 'Connected_To',
        source: { type: 'ip', value: c.sourceAddress },
        related: { type: 'domain', value: c.destinationDomain },
      });
    }
  }
  for (const f of alert.fileStates ?? []) {
    const hash = hashOf(f);
    if (!hash) continue;
    relations.push(...fileRelations(provider, f, hash));
  }
  const refs = (alert.sourceMaterials ?? []).flatMap((u) => webUrl(u) ?? []);
  return sighting({
    confidence: toConfidence(alert.confidence ?? undefined),
    observed_time: time,
    timestamp: when,
    source: SOURCE,
    title: truncate(alert.title, 1024) ?? 'Microsoft Graph Security alert',
    ...(alert.description ? { description: truncate(alert.description, 5000) } : {}),
    external_ids: [alert.id],
    external_references: refs.map((url) => ({ source_name: provider, url })),
    observables: uniqueObservables(matched),
    severity: toSeverity(alert.severity),
    sensor: sensorOf(alert),
    ...(refs[0] ? { source_uri: refs[0] } : {}),
    ...(targets.length > 0 ? { targets } : {}),
    ...(relations.length > 0 ? { relations } : {}),
  });
}
