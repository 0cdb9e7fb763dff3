// The generated part of the corpus: observable i of a corpus (seed, size, enclaves, time span) is
// computed from i alone, so a page of a 1,000,000-observable corpus costs only its own items.
// lastSeen grows with i, which makes the time window an index range and the cursor a position.
import { Draw } from '../../shared/draw.js';
import { type GeneratedType, generateValue, TYPE_WEIGHTS } from './values.js';

/** An observable as the observables search returns it. */
export interface Observable {
  type: string;
  value: string;
  firstSeen: number;
  lastSeen: number;
  enclaveGuids: string[];
  tags: string[];
}

export interface CorpusShape {
  seed: number;
  /** Observables generated, at most MAX_CORPUS_SIZE. */
  size: number;
  enclaveGuids: readonly string[];
  /** lastSeen of the newest generated observable (ms). */
  endMs: number;
  /** lastSeen values spread evenly over this span before endMs. */
  spanMs: number;
}

/** Values stay unique up to 2^20 indices (see words.ts and values.ts). */
export const MAX_CORPUS_SIZE = 1_000_000;

const TAGS = [
  'phishing',
  'c2',
  'malware',
  'bec',
  'ransomware',
  'botnet',
  'scanner',
  'vetted',
  'credential-theft',
];
const DAY_MS = 86_400_000;
const TOTAL_WEIGHT = TYPE_WEIGHTS.reduce((s, [, w]) => s + w, 0);

export class GeneratedCorpus {
  constructor(readonly shape: CorpusShape) {
    if (!Number.isInteger(shape.size) || shape.size < 0 || shape.size > MAX_CORPUS_SIZE)
      throw new Error(`corpus size must be an integer in 0..${MAX_CORPUS_SIZE}`);
    if (shape.enclaveGuids.length === 0) throw new Error('the corpus needs at least one enclave');
  }

  get size(): number {
    return this.shape.size;
  }

  lastSeenAt(i: number): number {
    const { endMs, spanMs, size } = this.shape;
    return endMs - spanMs + Math.floor(((i + 1) * spanMs) / size);
  }

  /** The first index whose lastSeen is at least `ms` (size when none). */
  firstAtOrAfter(ms: number): number {
    let lo = 0;
    let hi = this.shape.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.lastSeenAt(mid) >= ms) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  typeAt(i: number): GeneratedType {
    let n = new Draw(this.shape.seed, i).below(TOTAL_WEIGHT);
    for (const [type, weight] of TYPE_WEIGHTS) {
      if (n < weight) return type;
      n -= weight;
    }
    return 'URL';
  }

  /** Its home enclave by index (so each enclave holds every k-th observable), sometimes one more. */
  enclavesAt(i: number): string[] {
    const guids = this.shape.enclaveGuids;
    const home = guids[i % guids.length] as string;
    if (guids.length === 1) return [home];
    const shared = new Draw(this.shape.seed ^ 0x5bd1e995, i).chance(0.1);
    return shared ? [home, guids[(i + 1) % guids.length] as string] : [home];
  }

  observableAt(i: number): Observable {
    const type = this.typeAt(i);
    const d = new Draw(this.shape.seed ^ 0x27d4eb2f, i);
    const value = generateValue(type, i ^ (this.shape.seed & 0xfffff), d);
    const lastSeen = this.lastSeenAt(i);
    const firstSeen = Math.max(0, lastSeen - d.below(30 * DAY_MS));
    const tags: string[] = [];
    for (let n = d.below(4); n > 0; n--) {
      const tag = d.pick(TAGS);
      if (!tags.includes(tag)) tags.push(tag);
    }
    return { type, value, firstSeen, lastSeen, enclaveGuids: this.enclavesAt(i), tags };
  }
}
