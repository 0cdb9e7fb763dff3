// Canonical indicator → STIX 2.1 indicator object for Sentinel's STIX objects upload API
// (2024-02-01-preview; reference §3.2.2): a deterministic id, so uploading again updates the same
// object; TLP as marking references; valid_until from the policy's expiry; a withdrawal is the same
// object again with `revoked: true`, the one removal that API honours.
import type { Indicator } from '../model/indicator.js';
import { stableKey } from '../model/key.js';
import type { Send } from '../policy/decide.js';
import { stixPattern } from './stix-pattern.js';
import { describe, isoMs, SOURCE_LABELS, title } from './text.js';
import { TLP_MARKINGS } from './tlp-markings.js';
import { INDICATOR_NAMESPACE, uuidV5 } from './uuid-v5.js';

export interface StixIndicator {
  type: 'indicator';
  spec_version: '2.1';
  id: string;
  created: string;
  modified: string;
  created_by_ref?: string;
  name: string;
  description: string;
  indicator_types: string[];
  pattern: string;
  pattern_type: 'stix';
  pattern_version: '2.1';
  valid_from: string;
  valid_until: string;
  labels: string[];
  confidence?: number;
  object_marking_refs: string[];
  external_references: Array<{ source_name: string; external_id: string }>;
  revoked: boolean;
}

/** A send decision, or the withdrawal of what an earlier run sent. */
export type StixOutcome = Send | { kind: 'withdraw' };

export interface StixOptions {
  /** The upload's time: `modified` must grow with every upload of the same id. */
  nowMs: number;
  /** The STIX identity that publishes the indicators, if one is configured. */
  createdByRef?: string;
}

export const stixId = (i: Indicator): string => `indicator--${uuidV5(INDICATOR_NAMESPACE, stableKey(i))}`;

const NAME_MAX = 250;
const DESCRIPTION_MAX = 1000;
/** STIX requires valid_until after valid_from; a withdrawal of a future indicator ends one second in. */
const MIN_VALID_MS = 1000;

export function toStixIndicator(i: Indicator, outcome: StixOutcome, o: StixOptions): StixIndicator {
  const created = Math.min(i.firstSeenMs, o.nowMs);
  const until = outcome.kind === 'send' ? outcome.expiresAtMs : Math.min(o.nowMs, i.validUntilMs ?? o.nowMs);
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: stixId(i),
    created: isoMs(created),
    modified: isoMs(Math.max(o.nowMs, created)),
    ...(o.createdByRef === undefined ? {} : { created_by_ref: o.createdByRef }),
    name: title(i, NAME_MAX),
    description: describe(i, DESCRIPTION_MAX),
    indicator_types: ['malicious-activity'],
    pattern: stixPattern(i.type, i.value),
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: isoMs(i.validFromMs),
    valid_until: isoMs(Math.max(until, i.validFromMs + MIN_VALID_MS)),
    labels: [...i.tags],
    ...(outcome.kind === 'send' ? { confidence: outcome.confidence } : {}),
    object_marking_refs: [TLP_MARKINGS[i.tlp]],
    external_references: [{ source_name: SOURCE_LABELS[i.source], external_id: i.sourceId ?? stableKey(i) }],
    revoked: outcome.kind === 'withdraw',
  };
}
