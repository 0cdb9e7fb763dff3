// The read-back of `npm run bench:intel`: what the emulated sinks hold against what the policy says
// they should, from the local copy and the bench's own record of which observables it changed.
// Sentinel: every indicator the Sentinel policy sends has its object (by its deterministic id), not
// revoked, with exactly 1 + (times the bench changed it) versions. Defender: it holds exactly the top
// 15,000 of what the Defender policy sends (score, then last sighting, then key — the documented
// order), each once. The local copy is read a page at a time, so the check adds little to the RSS.
import type { Kysely } from 'kysely';
import { type Ranked, TopK } from '../src/intel/engine/capacity.js';
import { DEFENDER_TYPES } from '../src/intel/convert/defender.js';
import { stixId } from '../src/intel/convert/stix.js';
import { createIndicator, type Indicator } from '../src/intel/model/indicator.js';
import { stableKey } from '../src/intel/model/key.js';
import { claimFromTrustar } from '../src/intel/model/source-types.js';
import type { CompiledPolicy } from '../src/intel/policy/compile.js';
import { decide } from '../src/intel/policy/decide.js';
import { intelDb } from '../src/intel/store/tables.js';
import type { Database } from '../src/platform/db/index.js';

const PAGE = 5000;

/** The staged indicators of `source`, a page at a time, in key order. */
export async function* stagedPages(db: Kysely<Database>, source: string): AsyncGenerator<Indicator[]> {
  const idb = intelDb(db);
  let after: string | null = null;
  for (;;) {
    let q = idb.selectFrom('intel_indicators').select(['key', 'indicator']).where('source', '=', source);
    if (after !== null) q = q.where('key', '>', after);
    const rows = await q.orderBy('key').limit(PAGE).execute();
    if (rows.length === 0) return;
    after = (rows[rows.length - 1] as { key: string }).key;
    yield rows.map((r) => JSON.parse(r.indicator) as Indicator);
  }
}

/** The stable key an emulated TruSTAR observable gets once the model has normalised it. */
export function keyOfObservable(o: { type: string; value: string }): string | undefined {
  const r = createIndicator({
    type: claimFromTrustar(o.type),
    value: o.value,
    source: 'trustar',
    sourceRef: 'bench',
    firstSeenMs: 0,
    tags: [],
    score: null,
    tlp: 'amber',
  });
  return r.ok ? stableKey(r.indicator) : undefined;
}

export interface SentinelCheck {
  expected: number;
  lost: number;
  doubled: number;
  revoked: number;
  stored: number;
  unexpected: number;
}

export async function checkSentinel(
  db: Kysely<Database>,
  policy: CompiledPolicy,
  nowMs: number,
  changes: ReadonlyArray<ReadonlySet<string>>,
  ask: (m: Record<string, unknown>) => Promise<Record<string, unknown>>,
): Promise<SentinelCheck> {
  const out: SentinelCheck = { expected: 0, lost: 0, doubled: 0, revoked: 0, stored: 0, unexpected: 0 };
  let first = true;
  for await (const page of stagedPages(db, 'trustar')) {
    const expected: Array<[string, number]> = [];
    for (const ind of page) {
      if (decide(ind, policy, nowMs).kind !== 'send') continue;
      const key = stableKey(ind);
      expected.push([stixId(ind), 1 + changes.filter((c) => c.has(key)).length]);
    }
    const a = await ask({ op: 'sentinelCheck', first, expected });
    first = false;
    out.expected += expected.length;
    out.lost += a.lost as number;
    out.doubled += a.doubled as number;
    out.revoked += a.revoked as number;
    out.stored = a.stored as number;
    out.unexpected = a.unexpected as number;
  }
  return out;
}

export interface DefenderCheck {
  eligible: number;
  expected: number;
  held: number;
  lost: number;
  unexpected: number;
  storedTwice: number;
}

export async function checkDefender(
  db: Kysely<Database>,
  policy: CompiledPolicy,
  capacity: number,
  nowMs: number,
  ask: (m: Record<string, unknown>) => Promise<Record<string, unknown>>,
): Promise<DefenderCheck> {
  const top = new TopK(capacity);
  const rank = (ind: Indicator): Ranked | undefined => {
    const d = decide(ind, policy, nowMs);
    return d.kind === 'send'
      ? { score: d.confidence, lastSeenMs: ind.lastSeenMs, key: stableKey(ind) }
      : undefined;
  };
  for await (const page of stagedPages(db, 'trustar'))
    for (const ind of page) {
      const r = rank(ind);
      if (r) top.offer(r);
    }
  const expected: string[] = [];
  for await (const page of stagedPages(db, 'trustar'))
    for (const ind of page) {
      const r = rank(ind);
      if (r && top.keeps(r)) expected.push(`${DEFENDER_TYPES[ind.type]}|${ind.value.toLowerCase()}`);
    }
  const a = await ask({ op: 'defenderCheck', expected });
  return {
    eligible: top.offered,
    expected: expected.length,
    held: a.held as number,
    lost: a.lost as number,
    unexpected: a.unexpected as number,
    storedTwice: a.storedTwice as number,
  };
}
