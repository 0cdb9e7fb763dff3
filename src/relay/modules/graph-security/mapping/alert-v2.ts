// An alerts_v2 alert and the request's observables it matched → one CTIM sighting
// (reference/relay.md §9). Evidence gives confidence (verdicts), resolution (remediation), targets
// (devices) and relations (files); unknown values fall back to Unknown/detected, never to an error.
import {
  type Confidence,
  compareInstants,
  type CtimObservable,
  type IdentitySpecification,
  type ObservedRelation,
  type Resolution,
  type Sighting,
  sighting,
  toSeverity,
} from '../../../ctim/index.js';
import type { Observable } from '../../../protocol/schemas.js';
import type { AlertV2, Evidence } from '../schemas.js';
import {
  fileRelations,
  isoOrUndefined,
  SOURCE,
  sensorFor,
  truncate,
  uniqueObservables,
  webUrl,
} from './common.js';

const kind = (e: Evidence) => (e['@odata.type'] ?? '').replace('#microsoft.graph.security.', '');

/** The most certain verdict among the evidence; alerts_v2 has no numeric confidence. */
function confidenceOf(evidence: readonly Evidence[]): Confidence {
  const verdicts = new Set(evidence.map((e) => (e.verdict ?? '').toLowerCase()));
  if (verdicts.has('malicious')) return 'High';
  if (verdicts.has('suspicious')) return 'Medium';
  if (verdicts.has('nothreatsfound')) return 'Low';
  return 'Unknown';
}

function resolutionOf(evidence: readonly Evidence[]): Resolution {
  const states = new Set(evidence.map((e) => (e.remediationStatus ?? '').toLowerCase()));
  if (states.has('blocked') || states.has('prevented')) return 'blocked';
  if (states.has('remediated')) return 'contained';
  return 'detected';
}

function targetsOf(
  evidence: readonly Evidence[],
  time: { start_time: string; end_time?: string },
): IdentitySpecification[] {
  const out: IdentitySpecification[] = [];
  for (const e of evidence) {
    if (kind(e) !== 'deviceEvidence') continue;
    const observables: CtimObservable[] = [];
    if (e.deviceDnsName) observables.push({ type: 'hostname', value: e.deviceDnsName });
    if (e.mdeDeviceId) observables.push({ type: 'ms_machine_id', value: e.mdeDeviceId });
    for (const ip of e.ipInterfaces ?? [])
      observables.push({ type: ip.includes(':') ? 'ipv6' : 'ip', value: ip });
    if (observables.length === 0) continue;
    const os = [e.osPlatform, e.version].filter(Boolean).join(' ');
    out.push({ type: 'endpoint', observables, observed_time: time, ...(os ? { os } : {}) });
  }
  return out;
}

function relationsOf(evidence: readonly Evidence[], origin: string): ObservedRelation[] {
  const out: ObservedRelation[] = [];
  for (const e of evidence) {
    const file = e.fileDetails ?? e.imageFile;
    const hash: CtimObservable | undefined = file?.sha256
      ? { type: 'sha256', value: file.sha256 }
      : file?.sha1
        ? { type: 'sha1', value: file.sha1 }
        : undefined;
    if (!file || !hash) continue;
    out.push(...fileRelations(origin, { name: file.fileName, path: file.filePath }, hash));
  }
  return out;
}

export function sightingFromAlertV2(alert: AlertV2, matched: readonly Observable[]): Sighting {
  const evidence = alert.evidence ?? [];
  const start =
    isoOrUndefined(alert.firstActivityDateTime) ??
    isoOrUndefined(alert.createdDateTime) ??
    new Date(0).toISOString();
  const end = isoOrUndefined(alert.lastActivityDateTime);
  const updated = isoOrUndefined(alert.lastUpdateDateTime);
  const observed =
    end && compareInstants(end, start) >= 0 ? { start_time: start, end_time: end } : { start_time: start };
  const origin = `${SOURCE}: ${alert.serviceSource ?? 'Microsoft Defender'}`;
  const targets = targetsOf(evidence, observed);
  const relations = relationsOf(evidence, origin);
  const url = webUrl(alert.alertWebUrl);
  const incidentUrl = webUrl(alert.incidentWebUrl);
  return sighting({
    confidence: confidenceOf(evidence),
    observed_time: observed,
    source: SOURCE,
    title: truncate(alert.title, 1024) ?? 'Microsoft Defender alert',
    ...(alert.description ? { description: truncate(alert.description, 5000) } : {}),
    external_ids: [alert.id, ...(alert.incidentId ? [alert.incidentId] : [])],
    external_references: [
      { source_name: 'Microsoft Defender', external_id: alert.id, ...(url ? { url } : {}) },
      ...(alert.incidentId && incidentUrl
        ? [{ source_name: 'Microsoft Defender incident', external_id: alert.incidentId, url: incidentUrl }]
        : []),
    ],
    observables: uniqueObservables(matched),
    severity: toSeverity(alert.severity),
    resolution: resolutionOf(evidence),
    sensor: sensorFor(alert.serviceSource),
    internal: true,
    ...(url ? { source_uri: url } : {}),
    ...(updated ? { timestamp: updated } : {}),
    ...(targets.length > 0 ? { targets } : {}),
    ...(relations.length > 0 ? { relations } : {}),
  });
}
