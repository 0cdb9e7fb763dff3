// The generated part of a collection: object i (seed, collection, size, time span) is computed from
// i alone, so a page of a 100,000-object collection costs only its own objects. date_added grows with
// i (microsecond precision, as servers report it), which makes added_after an index search.
// Most objects are indicators; the rest are the objects a real feed mixes in (identity, malware,
// relationship, marking-definition), which a reader of indicators must skip.
import { Draw } from '../../shared/draw.js';
import { formatMs } from '../timestamps.js';
import { generatedId, idPrefix } from './ids.js';
import { generatePattern } from './patterns.js';
import { TLP_IDS } from './tlp.js';

export type StixObject = Record<string, unknown> & { id: string; type: string };

export interface CollectionShape {
  seed: number;
  /** Objects generated, at most MAX_COLLECTION_SIZE. */
  size: number;
  /** date_added of the newest generated object, microseconds. */
  endUs: number;
  /** date_added values spread evenly over this span before endUs (microseconds). */
  spanUs: number;
}

export const MAX_COLLECTION_SIZE = 1_000_000;

const DAY_MS = 86_400_000;
const LABELS = ['phishing', 'c2', 'ransomware', 'botnet', 'credential-theft', 'scanner', 'vetted'];
const INDICATOR_TYPES = [
  ['malicious-activity'],
  ['anomalous-activity'],
  ['malicious-activity', 'attribution'],
];
/** A statement marking no TLP table knows: readers must treat it as unknown. */
export const COPYRIGHT_MARKING = 'marking-definition--d6f7f5b3-54c6-4f3c-8c0a-4e1f0b6b9c11';
const MARKINGS: ReadonlyArray<readonly string[]> = [
  [],
  [TLP_IDS.clear],
  [TLP_IDS.green],
  [TLP_IDS.green],
  [TLP_IDS.amber],
  [TLP_IDS['amber+strict']],
  [TLP_IDS.red],
  [COPYRIGHT_MARKING],
  [COPYRIGHT_MARKING, TLP_IDS.amber],
];

export class GeneratedCollection {
  readonly prefix: string;

  constructor(
    readonly collectionId: string,
    readonly shape: CollectionShape,
  ) {
    if (!Number.isInteger(shape.size) || shape.size < 0 || shape.size > MAX_COLLECTION_SIZE)
      throw new Error(`collection size must be an integer in 0..${MAX_COLLECTION_SIZE}`);
    if (shape.spanUs < shape.size) throw new Error('the span must allow one microsecond per object');
    this.prefix = idPrefix(shape.seed, collectionId);
  }

  get size(): number {
    return this.shape.size;
  }

  dateAddedAt(i: number): number {
    const { endUs, spanUs, size } = this.shape;
    return endUs - spanUs + Math.floor(((i + 1) * spanUs) / size);
  }

  /** The first index whose date_added is after `us` (size when none). */
  firstAfter(us: number): number {
    let lo = 0;
    let hi = this.shape.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.dateAddedAt(mid) > us) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  typeAt(i: number): string {
    const n = new Draw(this.shape.seed, i).below(100);
    if (n < 80) return 'indicator';
    if (n < 88) return 'relationship';
    if (n < 94) return 'malware';
    if (n < 98) return 'identity';
    return 'marking-definition';
  }

  objectAt(i: number): StixObject {
    const type = this.typeAt(i);
    const d = new Draw(this.shape.seed ^ 0x27d4eb2f, i);
    const addedMs = Math.floor(this.dateAddedAt(i) / 1000);
    const createdMs = Math.max(0, addedMs - d.below(5 * DAY_MS));
    const modifiedMs = createdMs + d.below(addedMs - createdMs + 1);
    const id = generatedId(type, this.prefix, i);
    const base = { type, spec_version: '2.1', id, created: formatMs(createdMs) };
    switch (type) {
      case 'indicator':
        return { ...base, ...this.#indicator(i, d, createdMs), modified: formatMs(modifiedMs) } as StixObject;
      case 'relationship':
        return {
          ...base,
          modified: formatMs(modifiedMs),
          relationship_type: 'indicates',
          source_ref: generatedId('indicator', this.prefix, Math.max(0, i - 1)),
          target_ref: generatedId('malware', this.prefix, i),
        };
      case 'malware':
        return {
          ...base,
          modified: formatMs(modifiedMs),
          name: `Loader ${i.toString(36)}`,
          is_family: true,
          malware_types: ['trojan'],
        };
      case 'identity':
        return {
          ...base,
          modified: formatMs(modifiedMs),
          name: `ISAC member ${i}`,
          identity_class: 'organization',
        };
      default:
        return { ...base, definition_type: 'statement', definition: { statement: `Copyright ISAC ${i}` } };
    }
  }

  #indicator(i: number, d: Draw, createdMs: number): Record<string, unknown> {
    const p = generatePattern(i, d);
    const expiry = d.below(100);
    const labels = Array.from({ length: d.below(3) }, () => d.pick(LABELS));
    const markings = d.pick(MARKINGS);
    const withConfidence = d.chance(0.6);
    const withDescription = d.chance(0.3);
    return {
      name: `Indicator ${i}`,
      ...(withDescription ? { description: `Seen in campaign ${i % 97}` } : {}),
      pattern: p.pattern,
      pattern_type: p.patternType,
      pattern_version: '2.1',
      valid_from: formatMs(createdMs),
      // 5 % expired long ago, 30 % valid for 90 days, the rest open-ended.
      ...(expiry < 5 ? { valid_until: formatMs(createdMs + 1000) } : {}),
      ...(expiry >= 5 && expiry < 35 ? { valid_until: formatMs(createdMs + 90 * DAY_MS) } : {}),
      indicator_types: d.pick(INDICATOR_TYPES),
      ...(labels.length > 0 ? { labels: [...new Set(labels)] } : {}),
      ...(withConfidence ? { confidence: d.below(101) } : {}),
      ...(markings.length > 0 ? { object_marking_refs: [...markings] } : {}),
      ...(d.chance(0.04) ? { revoked: true } : {}),
    };
  }
}
