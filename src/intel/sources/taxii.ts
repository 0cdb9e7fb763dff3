// One TAXII 2.1 collection as an intel source, `taxii:<collection id>`. It pages the collection's
// objects from where the last run stopped and makes each STIX indicator into canonical indicators,
// one per comparison of its pattern (an OR pattern holds several values).
//
// Cursor: JSON {addedAfter, next?, lastAdded?}. Inside a paged read it keeps the query's addedAfter
// and the server's `next`, so a run that stops resumes on the next page; if the server no longer
// takes that `next`, the read starts again after `lastAdded`. The last page of a run moves addedAfter
// to the newest X-TAXII-Date-Added-Last seen, kept as the server wrote it (sub-millisecond digits
// included, so no object at a page edge is read twice or skipped).
//
// TLP: the most restrictive TLP marking among object_marking_refs (STIX 2.1's TLP 1.0 ids, the OASIS
// TLP 2.0 ids, OpenCTI's AMBER+STRICT); an indicator with no TLP marking is AMBER: a feed that does
// not say may not be shared as CLEAR, and every sink's default maxTlp still takes AMBER.
// Other object types (identity, malware, relationship, marking-definition…) are skipped and counted
// per type in `skipped()`; a malformed indicator or an unusable pattern becomes a rejection.
import { z } from 'zod';
import { checkCollections, readObjects, TaxiiError, type TaxiiClient } from '../../connectors/taxii/index.js';
import { TLP_MARKINGS } from '../convert/tlp-markings.js';
import { type CreateResult, createIndicator } from '../model/indicator.js';
import { reject } from '../model/rejection.js';
import { type Tlp, tlpRank } from '../model/types.js';
import { parseStixPattern } from './stix-pattern-parse.js';
import type { IntelSource, SourcePage } from './types.js';

const DAY_MS = 86_400_000;

/** The OASIS TLP 2.0 marking definitions (extension-definition--60a3c5c5-…). */
const TLP2_MARKINGS: Readonly<Record<string, Tlp>> = {
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487': 'clear',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb': 'green',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421': 'amber',
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003': 'amber+strict',
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1': 'red',
};
const TLP_OF: ReadonlyMap<string, Tlp> = new Map([
  ...Object.entries(TLP_MARKINGS).map(([tlp, id]) => [id, tlp as Tlp] as const),
  ...Object.entries(TLP2_MARKINGS),
]);
export const UNMARKED_TLP: Tlp = 'amber';

const stamp = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/)
  .transform((s, ctx) => {
    const ms = Date.parse(s);
    if (Number.isNaN(ms) || ms < 0) ctx.addIssue({ code: 'custom', message: 'not a date' });
    return ms;
  });
const strings = z.array(z.string().max(1000)).max(1000).default([]);

/** @link https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html#_muftrcpnf89v (indicator) */
const stixIndicatorSchema = z.looseObject({
  type: z.literal('indicator'),
  id: z.string().min(12).max(256).startsWith('indicator--'),
  created: stamp,
  modified: stamp,
  pattern: z.string().max(1_000_000),
  pattern_type: z.string().max(100),
  valid_from: stamp,
  valid_until: stamp.optional(),
  name: z.string().max(10_000).optional(),
  description: z.string().max(100_000).optional(),
  labels: strings,
  indicator_types: strings,
  confidence: z.number().int().min(0).max(100).optional(),
  revoked: z.boolean().default(false),
  object_marking_refs: z.array(z.string().max(300)).max(1000).default([]),
});

const cursorSchema = z
  .object({
    addedAfter: z.string().max(40),
    next: z.string().min(1).max(8192).optional(),
    lastAdded: z.string().max(40).optional(),
  })
  .strict();
type Cursor = z.infer<typeof cursorSchema>;

function tlpOf(refs: readonly string[]): Tlp {
  let tlp: Tlp | undefined;
  for (const ref of refs) {
    const t = TLP_OF.get(ref);
    if (t !== undefined && (tlp === undefined || tlpRank(t) > tlpRank(tlp))) tlp = t;
  }
  return tlp ?? UNMARKED_TLP;
}

/** The canonical indicators (or rejections) of one indicator object of a collection. */
export function indicatorsOf(raw: unknown, collectionId: string): CreateResult[] {
  const parsed = stixIndicatorSchema.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { id?: unknown } | null)?.id;
    return [reject('MALFORMED_RECORD', 'indicator', typeof id === 'string' ? id : raw)];
  }
  const s = parsed.data;
  if (s.pattern_type !== 'stix') return [reject('UNSUPPORTED_PATTERN', s.pattern_type, s.pattern)];
  const pattern = parseStixPattern(s.pattern);
  if (!pattern.ok)
    return [
      reject(pattern.kind === 'malformed' ? 'MALFORMED_RECORD' : 'UNSUPPORTED_PATTERN', 'stix', s.pattern),
    ];
  const common = {
    source: 'taxii',
    sourceRef: collectionId,
    sourceId: s.id,
    firstSeenMs: s.created,
    lastSeenMs: s.modified,
    validFromMs: s.valid_from,
    validUntilMs: s.valid_until ?? null,
    tags: [...s.labels, ...s.indicator_types],
    score: s.confidence ?? null,
    tlp: tlpOf(s.object_marking_refs),
    revoked: s.revoked,
    description: s.description ?? s.name,
  };
  return pattern.comparisons.map((c) =>
    createIndicator({ ...common, type: c.type ?? c.path, value: c.value }),
  );
}

export interface TaxiiSourceOptions {
  /** How far back the first run reads (default 30 days). */
  lookbackDays?: number;
}

export interface TaxiiSource extends IntelSource {
  /** Objects skipped because they are no indicators, by STIX type, since the source was made. */
  skipped(): Record<string, number>;
}

function parseCursor(text: string | undefined): Cursor | undefined {
  if (text === undefined) return undefined;
  try {
    const r = cursorSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** The server no longer takes a stored `next` (it expired, or the server restarted). */
const staleNext = (e: unknown) => e instanceof TaxiiError && (e.status === 400 || e.status === 404);

export function createTaxiiSource(
  client: TaxiiClient,
  collectionId: string,
  opts: TaxiiSourceOptions = {},
): TaxiiSource {
  const lookbackDays = opts.lookbackDays ?? client.connection.lookbackDays ?? 30;
  const skipped = new Map<string, number>();

  function itemsOf(objects: readonly unknown[]): CreateResult[] {
    const items: CreateResult[] = [];
    for (const o of objects) {
      const type = (o as { type?: unknown } | null)?.type;
      if (type === 'indicator') items.push(...indicatorsOf(o, collectionId));
      else {
        const key = typeof type === 'string' ? type.slice(0, 100) : '(no type)';
        skipped.set(key, (skipped.get(key) ?? 0) + 1);
      }
    }
    return items;
  }

  async function* pagesFrom(start: Cursor, signal: AbortSignal | undefined): AsyncGenerator<SourcePage> {
    let lastAdded = start.lastAdded;
    const query = { addedAfter: start.addedAfter, next: start.next };
    for await (const page of readObjects(client, collectionId, query, { signal })) {
      lastAdded = page.dateAddedLast ?? lastAdded;
      const cursor: Cursor =
        page.more && page.next !== undefined
          ? {
              addedAfter: page.addedAfter ?? start.addedAfter,
              next: page.next,
              ...(lastAdded ? { lastAdded } : {}),
            }
          : { addedAfter: lastAdded ?? page.addedAfter ?? start.addedAfter };
      yield { items: itemsOf(page.objects), cursor: JSON.stringify(cursor) };
    }
  }

  return {
    name: `taxii:${collectionId}`,
    skipped: () => Object.fromEntries(skipped),
    async *read(cursorText, o) {
      const start = parseCursor(cursorText) ?? {
        addedAfter: new Date(o.nowMs - lookbackDays * DAY_MS).toISOString(),
      };
      const pages = pagesFrom(start, o.signal);
      let first: IteratorResult<SourcePage>;
      try {
        first = await pages.next();
      } catch (e) {
        if (start.next === undefined || !staleNext(e)) throw e;
        yield* pagesFrom({ addedAfter: start.lastAdded ?? start.addedAfter }, o.signal);
        return;
      }
      if (first.done) return;
      yield first.value;
      yield* pages;
    },
    ping: async () => {
      await checkCollections(client);
    },
    close: async () => {},
  };
}
