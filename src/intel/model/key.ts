// An indicator's identity and its content fingerprint. The key (feed|type|value) names one
// indicator across runs and sinks: the sync's state rows, the STIX id and Graph's externalId derive
// from it. The content hash covers what the source says about the indicator that a sink's record
// shows; if it changes, the record must be sent again. First and last seen are left out: they reach
// a sink only through the expiry the policy computes, which the decision's fingerprint covers.
import { createHash } from 'node:crypto';
import type { Indicator } from './indicator.js';

/**
 * A TAXII server's collections are separate feeds (an ISAC's vetted and community collections),
 * each revoking on its own, so the collection is part of a TAXII indicator's key; TruSTAR's enclaves
 * are one feed read as one, so they are not.
 */
export const stableKey = (i: Pick<Indicator, 'source' | 'sourceRef' | 'type' | 'value'>): string =>
  `${i.source === 'taxii' ? `taxii:${i.sourceRef}` : i.source}|${i.type}|${i.value}`;

/** SHA-256 (hex) of the sink-visible fields, encoded as one JSON array so no two contents collide. */
export function contentHash(i: Indicator): string {
  const fields = [
    i.source,
    i.type,
    i.value,
    i.sourceRef,
    i.sourceId ?? null,
    i.validFromMs,
    i.validUntilMs,
    i.tags,
    i.score,
    i.tlp,
    i.revoked,
    i.description ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
