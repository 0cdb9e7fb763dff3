// A TAXII collection as an intel source, over HTTPS against the emulator: the first run's look-back,
// paging with next, resuming from a stored cursor mid-collection, added_after moving to the newest
// date added, revoked and expired indicators carried, skipped objects counted, a stale next, and
// failures surfacing as typed errors.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COMMUNITY_COLLECTION, VETTED_COLLECTION } from '../../../emulators/taxii/index.js';
import type { Indicator } from '../../../src/intel/model/indicator.js';
import { createTaxiiSource } from '../../../src/intel/sources/taxii.js';
import type { SourcePage } from '../../../src/intel/sources/types.js';
import { all, taxiiFixture } from '../../connectors/taxii/helpers.js';

const indicators = (pages: SourcePage[]): Indicator[] =>
  pages.flatMap((p) => p.items.flatMap((i) => (i.ok ? [i.indicator] : [])));
const keyOf = (i: Indicator) => `${i.sourceId}|${i.type}|${i.value}`;

describe('taxii source', () => {
  const f = taxiiFixture();

  test('the first run reads the look-back window, page by page, and accounts for every object', async () => {
    const source = createTaxiiSource(f.client({ pageSize: 500 }), VETTED_COLLECTION, { lookbackDays: 40 });
    assert.equal(source.name, `taxii:${VETTED_COLLECTION}`);
    const pages = await all(source.read(undefined, { nowMs: Date.now() }));
    assert.equal(pages.length, 4);
    const items = pages.flatMap((p) => p.items);
    const found = indicators(pages);
    const skipped = Object.values(source.skipped()).reduce((a, b) => a + b, 0);
    const indicatorObjects = new Set(
      pages.flatMap((p) => p.items.flatMap((i) => (i.ok ? [i.indicator.sourceId] : []))),
    );
    assert.ok(skipped > 0 && Object.keys(source.skipped()).includes('relationship'));
    assert.ok(found.length > 1000);
    assert.ok(found.every((i) => i.source === 'taxii' && i.sourceRef === VETTED_COLLECTION));
    assert.ok(indicatorObjects.size < found.length, 'OR patterns give several indicators per object');
    const reasons = new Set(items.flatMap((i) => (i.ok ? [] : [i.reason])));
    for (const r of ['UNSUPPORTED_PATTERN', 'UNSUPPORTED_TYPE']) assert.ok(reasons.has(r as never), r);
    assert.ok(found.some((i) => i.revoked));
    assert.ok(found.some((i) => i.validUntilMs !== null && i.validUntilMs < Date.now()));
    assert.ok(new Set(found.map((i) => i.tlp)).size >= 4);
  });

  test('a shorter look-back reads less', async () => {
    const source = createTaxiiSource(f.client(), VETTED_COLLECTION, { lookbackDays: 10 });
    const pages = await all(source.read(undefined, { nowMs: Date.now() }));
    const n = indicators(pages).length;
    const full = indicators(
      await all(
        createTaxiiSource(f.client(), VETTED_COLLECTION, { lookbackDays: 40 }).read(undefined, {
          nowMs: Date.now(),
        }),
      ),
    ).length;
    assert.ok(n > full / 5 && n < full / 2, `${n} of ${full}`);
    assert.ok(f.em.requests().some((r) => typeof r.query.added_after === 'string'));
  });

  test('resumes from a stored cursor mid-collection: the two runs together read it once', async () => {
    const nowMs = Date.now();
    const whole = indicators(
      await all(
        createTaxiiSource(f.client({ pageSize: 300 }), VETTED_COLLECTION, { lookbackDays: 40 }).read(
          undefined,
          { nowMs },
        ),
      ),
    );
    const first: SourcePage[] = [];
    for await (const p of createTaxiiSource(f.client({ pageSize: 300 }), VETTED_COLLECTION, {
      lookbackDays: 40,
    }).read(undefined, { nowMs })) {
      first.push(p);
      if (first.length === 3) break;
    }
    const stored = first.at(-1)?.cursor as string;
    assert.ok(JSON.parse(stored).next, 'a mid-read cursor keeps next');
    const rest = await all(
      createTaxiiSource(f.client({ pageSize: 300 }), VETTED_COLLECTION).read(stored, { nowMs }),
    );
    assert.equal(rest.length, 4);
    const joined = [...indicators(first), ...indicators(rest)].map(keyOf);
    assert.equal(new Set(joined).size, joined.length);
    assert.deepEqual(joined.sort(), whole.map(keyOf).sort());
  });

  test('the next run starts after the newest date added, and sees revocations and additions only', async () => {
    const nowMs = Date.now();
    const source = createTaxiiSource(f.client(), COMMUNITY_COLLECTION, { lookbackDays: 40 });
    const run1 = await all(source.read(undefined, { nowMs }));
    const cursor = run1.at(-1)?.cursor as string;
    const before = f.em.requests().length;
    const quiet = await all(source.read(cursor, { nowMs }));
    assert.equal(quiet.length, 1);
    assert.deepEqual(quiet[0]?.items, []);
    assert.equal(quiet[0]?.cursor, cursor, 'nothing new: the cursor stays');
    assert.ok(f.em.requests().length > before);

    const target = indicators(run1).find((i) => !i.revoked) as Indicator;
    f.em.revokeObject(COMMUNITY_COLLECTION, target.sourceId as string);
    f.em.addObjects(COMMUNITY_COLLECTION, [
      {
        type: 'indicator',
        spec_version: '2.1',
        id: 'indicator--5a2e1f7c-0b61-4b1e-9a57-3f5cf5c1a001',
        created: '2024-05-01T00:00:00.000Z',
        modified: '2024-05-01T00:00:00.000Z',
        valid_from: '2024-05-01T00:00:00.000Z',
        pattern: "[url:value = 'https://new.example/login']",
        pattern_type: 'stix',
      },
    ]);
    const run3 = await all(source.read(cursor, { nowMs }));
    const got = indicators(run3);
    assert.ok(got.some((i) => i.sourceId === target.sourceId && i.revoked));
    assert.ok(got.some((i) => i.value === 'https://new.example/login'));
    assert.equal(new Set(got.map((i) => i.sourceId)).size, 2);
    const after = JSON.parse(run3.at(-1)?.cursor as string);
    assert.ok(after.addedAfter > JSON.parse(cursor).addedAfter);
    assert.match(after.addedAfter, /\.\d{6}Z$/, 'the server’s microseconds are kept');
  });

  test('a next the server no longer takes restarts after the last date added', async () => {
    const nowMs = Date.now();
    const source = createTaxiiSource(f.client({ pageSize: 100 }), COMMUNITY_COLLECTION, { lookbackDays: 40 });
    const first = (await source.read(undefined, { nowMs })[Symbol.asyncIterator]().next())
      .value as SourcePage;
    const c = JSON.parse(first.cursor);
    const stale = JSON.stringify({ ...c, next: 'n1.expired' });
    const rest = await all(source.read(stale, { nowMs }));
    const whole = indicators(await all(source.read(undefined, { nowMs })));
    assert.equal(indicators([first]).length + indicators(rest).length, whole.length);
  });

  test('an unreadable cursor starts from the look-back', async () => {
    const pages = await all(
      createTaxiiSource(f.client(), COMMUNITY_COLLECTION, { lookbackDays: 40 }).read('{"x":1}', {
        nowMs: Date.now(),
      }),
    );
    assert.ok(indicators(pages).length > 100);
  });

  test('failures surface as typed errors after the client’s retries', async () => {
    const bad = createTaxiiSource(f.client({ password: 'nope-nope' }), COMMUNITY_COLLECTION);
    await assert.rejects(
      all(bad.read(undefined, { nowMs: Date.now() })),
      (e: unknown) => (e as { code: string }).code === 'GSOC_TAXII_AUTH_REJECTED',
    );
    f.em.addFault({ path: '/api1/collections', status: 429, retryAfterSec: 0, times: 2 });
    const pages = await all(
      createTaxiiSource(f.client(), COMMUNITY_COLLECTION, { lookbackDays: 40 }).read(undefined, {
        nowMs: Date.now(),
      }),
    );
    assert.ok(indicators(pages).length > 100);
  });

  test('stops when its signal aborts', async () => {
    const ac = new AbortController();
    ac.abort();
    const source = createTaxiiSource(f.client(), COMMUNITY_COLLECTION);
    await assert.rejects(all(source.read(undefined, { nowMs: Date.now(), signal: ac.signal })));
  });
});
