// What /indicators/search adds to an observable: priority score, attributes, score contexts,
// safelisting (the SDK's PrioritizedIndicator, ti-fixtures/trustar/indicators-search-response.json).
// Derived from a hash of type and value, so an observable keeps its score across pages and changes.
import { guidFromName } from '../shared/ids.js';
import type { Stored } from './corpus/store.js';
import { Draw } from '../shared/draw.js';
import type { Enclave } from './enclaves.js';

/** The SDK filters with ints −1..3 and reads strings back. */
export const PRIORITY_SCORES = ['NOT_SCORED', 'BENIGN', 'LOW', 'MEDIUM', 'HIGH'] as const;

const MALWARE = ['Emotet', 'QakBot', 'AgentTesla', 'IcedID', 'Cobalt Strike', 'LockBit', 'AsyncRAT'];
const ACTORS = ['FIN7', 'TA505', 'Scattered Spider', 'APT29', 'BAD PANDA'];
const SOURCES = ['RH-ISAC Analysts', 'Member Submission', 'abuse.ch', 'PhishTank', 'Partner Feed'];

/** FNV-1a over the key, linear in its length. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface IndicatorTraits {
  score: number;
  attributes: Array<{ value: string; type: string }>;
  safelisted: boolean;
  source: string;
}

export function traitsOf(o: Stored, seed: number): IndicatorTraits {
  const d = new Draw(seed, fnv1a(`${o.type}|${o.value}`));
  const score = [-1, 0, 1, 1, 2, 2, 2, 3, 3][d.below(9)] as number;
  const attributes: IndicatorTraits['attributes'] = [];
  if (d.chance(0.4)) attributes.push({ value: d.pick(MALWARE), type: 'MALWARE' });
  if (d.chance(0.15)) attributes.push({ value: d.pick(ACTORS), type: 'THREAT_ACTOR' });
  return { score, attributes, safelisted: d.chance(0.02), source: d.pick(SOURCES) };
}

export function toIndicator(
  o: Stored,
  enclaveGuid: string,
  t: IndicatorTraits,
  enclaves: readonly Enclave[],
) {
  const enclaveName = enclaves.find((e) => e.id.toLowerCase() === enclaveGuid)?.name ?? 'Unknown';
  return {
    guid: guidFromName(`indicator|${enclaveGuid}|${o.type}|${o.value}`),
    enclaveGuid,
    workflowGuid: guidFromName(`workflow|${enclaveGuid}`),
    observable: { value: o.value, type: o.type },
    priorityScore: PRIORITY_SCORES[t.score + 1],
    attributes: t.attributes,
    userTags: [],
    submissionTags: o.tags,
    scoreContexts: [
      {
        enclaveGuid,
        sourceName: t.source,
        normalizedScore: Math.max(0, t.score),
        weight: 3.0,
        properties: {},
        enclaveName,
      },
    ],
    created: o.firstSeen,
    updated: o.lastSeen,
    processedAt: o.lastSeen,
    safelisted: t.safelisted,
  };
}
