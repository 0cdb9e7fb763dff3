// TruSTAR as a source, over HTTPS against the TruSTAR emulator: the first read covers the look-back
// and ends the lag before now; the next starts the overlap before that mark; a read stopped after a
// page resumes at the next page; the indicators search's paging limit halves the window until it
// fits, with scores and safelisting carried over; a nearly spent quota stops the read without error.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTrustarEmulator, type TrustarEmulator } from '../../../emulators/trustar/index.js';
import type { Indicator } from '../../../src/intel/model/indicator.js';
import { createTrustarSource, type TrustarSourceOptions } from '../../../src/intel/sources/trustar.js';
import type { SourcePage } from '../../../src/intel/sources/types.js';
import { clientFor } from '../../connectors/trustar/helpers.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

const options = (over: Partial<TrustarSourceOptions> = {}): TrustarSourceOptions => ({
  search: 'observables',
  lookbackDays: 30,
  overlapMinutes: 60,
  lagMinutes: 15,
  windowHours: 24 * 364,
  tlp: 'amber',
  quotaReserve: 0,
  ...over,
});

async function readAll(
  em: TrustarEmulator,
  o: TrustarSourceOptions,
  cursor: string | undefined,
  nowMs: number,
  stopAfter = Number.POSITIVE_INFINITY,
): Promise<{ pages: SourcePage[]; cursor: string | undefined }> {
  const source = createTrustarSource(clientFor(em), o);
  const pages: SourcePage[] = [];
  let last = cursor;
  try {
    for await (const p of source.read(cursor, { nowMs })) {
      pages.push(p);
      last = p.cursor;
      if (pages.length >= stopAfter) break;
    }
  } finally {
    await source.close();
  }
  return { pages, cursor: last };
}

const indicators = (pages: SourcePage[]): Indicator[] =>
  pages.flatMap((p) => p.items.flatMap((i) => (i.ok ? [i.indicator] : [])));

describe('TruSTAR source', () => {
  let em: TrustarEmulator;
  const now = Date.now();
  before(async () => {
    em = await startTrustarEmulator({
      corpusSize: 2500,
      corpusEndMs: now - 20 * MINUTE,
      corpusSpanMs: 20 * DAY,
      limits: { perMinute: 100_000, dailyQuota: 100_000 },
    });
  });
  after(() => em.close());

  test('the first read covers the look-back up to the lag; the next reads only the overlap', async () => {
    const first = await readAll(em, options(), undefined, now);
    const read = first.pages.reduce((n, p) => n + p.items.length, 0);
    assert.ok(read >= 2400, `read ${read}`);
    assert.equal(JSON.parse(first.cursor ?? '{}').highWater, now - 15 * MINUTE);
    assert.equal(JSON.parse(first.cursor ?? '{}').window, undefined);
    const second = await readAll(em, options(), first.cursor, now + 5 * MINUTE);
    const again = second.pages.reduce((n, p) => n + p.items.length, 0);
    assert.ok(again < read / 10, `the overlap re-read ${again} of ${read}`);
    for (const i of indicators(second.pages)) assert.ok(i.lastSeenMs >= now - 75 * MINUTE);
  });

  test('a read stopped after its first page resumes at the next page, reading no page twice', async () => {
    const o = options({ lookbackDays: 30 });
    const whole = indicators((await readAll(em, o, undefined, now)).pages).map((i) => i.value);
    const part = await readAll(em, o, undefined, now, 1);
    assert.ok(JSON.parse(part.cursor ?? '{}').window?.cursor, 'the cursor is inside the window');
    const rest = await readAll(em, o, part.cursor, now);
    const both = [...indicators(part.pages), ...indicators(rest.pages)].map((i) => i.value);
    assert.deepEqual([...both].sort(), [...whole].sort());
  });

  test('the indicators search halves a window past its paging limit, and carries scores and safelisting', async () => {
    // More indicators in the window than TruSTAR can page (10,000): the 11th page fails.
    const small = await startTrustarEmulator({
      corpusSize: 12_000,
      corpusEndMs: now - 20 * MINUTE,
      corpusSpanMs: 10 * DAY,
      limits: { perMinute: 100_000, dailyQuota: 100_000 },
    });
    try {
      const o = options({ search: 'indicators', lookbackDays: 11, windowHours: 24 * 11 });
      const { pages, cursor } = await readAll(small, o, undefined, now);
      const got = indicators(pages);
      assert.ok(new Set(got.map((i) => i.sourceId)).size >= 11_000, `read ${got.length} indicators`);
      assert.equal(JSON.parse(cursor ?? '{}').highWater, now - 15 * MINUTE);
      assert.ok(got.some((i) => i.score !== null && i.score > 0));
      assert.ok(
        got.some((i) => i.revoked),
        'a safelisted indicator arrives revoked',
      );
      assert.ok(got.every((i) => i.sourceId !== undefined));
    } finally {
      await small.close();
    }
  });

  test('a nearly spent quota ends the read early without an error; the cursor keeps its place', async () => {
    const tight = await startTrustarEmulator({
      corpusSize: 3000,
      corpusEndMs: now - 20 * MINUTE,
      corpusSpanMs: 20 * DAY,
      limits: { perMinute: 100_000, dailyQuota: 3 },
    });
    try {
      // The token and the quota check are free; 3 searches are left and the reserve is 3: none is made.
      const none = await readAll(tight, options({ quotaReserve: 3 }), undefined, now);
      assert.equal(none.pages.length, 0);
      assert.equal(none.cursor, undefined);
      const searches = tight.calls().filter((c) => c.path.endsWith('/search')).length;
      assert.equal(searches, 0);
    } finally {
      await tight.close();
    }
  });
});
