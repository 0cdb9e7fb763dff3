// The generated corpus: the same seed gives the same observables, values are unique and realistic
// with the edge cases feeds carry, and a 1,000,000-observable corpus answers its first and a middle
// page without materialising itself (memory and a cost ratio, measured in one run; no wall clock).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GeneratedCorpus } from '../../../emulators/trustar/corpus/generate.js';
import { startTrustarTest, type TrustarTest } from './helpers.js';

const SEARCH = '/api/2.0/observables/search?pageSize=1000';
const ENCLAVES = ['59cd8570-5dce-4e5b-b09c-9807530a7086', '7a33144f-aef3-442b-87d4-dbf70d8afdb0'];
const DAY = 86_400_000;
const END = Date.UTC(2026, 0, 1);

const corpus = (seed: number, size: number) =>
  new GeneratedCorpus({ seed, size, enclaveGuids: ENCLAVES, endMs: END, spanMs: 30 * DAY });

describe('trustar emulator: corpus', () => {
  test('the same seed gives the same observables, another seed others', () => {
    const a = corpus(7, 1000);
    const b = corpus(7, 1000);
    const c = corpus(8, 1000);
    for (const i of [0, 1, 499, 999]) assert.deepEqual(a.observableAt(i), b.observableAt(i));
    const differ = [0, 1, 2, 3, 4].filter((i) => a.observableAt(i).value !== c.observableAt(i).value);
    assert.ok(differ.length >= 4);
  });

  test('values are unique per type across 200,000 observables, lastSeen never goes back', () => {
    const g = corpus(3, 1_000_000);
    const seen = new Set<string>();
    let last = 0;
    for (let i = 0; i < 200_000; i++) {
      const o = g.observableAt(i);
      const k = `${o.type}|${o.value}`;
      assert.ok(!seen.has(k), `duplicate ${k} at ${i}`);
      seen.add(k);
      assert.ok(o.lastSeen >= last && o.firstSeen <= o.lastSeen);
      last = o.lastSeen;
    }
  });

  test('holds every type and the edge cases a client must handle', () => {
    const g = corpus(1, 20_000);
    const all = Array.from({ length: 20_000 }, (_, i) => g.observableAt(i));
    const types = new Set(all.map((o) => o.type));
    for (const t of [
      'IP4',
      'IP6',
      'URL',
      'DOMAIN',
      'EMAIL_ADDRESS',
      'MD5',
      'SHA1',
      'SHA256',
      'CIDR_BLOCK',
      'SOFTWARE',
    ])
      assert.ok(types.has(t), t);
    const values = all.map((o) => o.value);
    const has = (p: (v: string) => boolean, what: string) => assert.ok(values.some(p), what);
    has((v) => v.startsWith('hxxp'), 'hxxp URLs');
    has((v) => v.includes('[.]'), 'defanged dots');
    has((v) => /[а-я]/.test(v), 'IDN in Unicode');
    has((v) => v.includes('xn--'), 'IDN in punycode');
    has((v) => /^[a-z0-9.-]+:\d+$/i.test(v), 'host:port without a scheme');
    has((v) => v.includes(' '), 'URLs with spaces');
    has((v) => v.length > 2000, 'oversized values');
    has((v) => v.startsWith('10.') || v.startsWith('100.'), 'private and shared ranges');
    has((v) => v.startsWith('999.'), 'invalid IPs');
  });

  describe('a 1,000,000-observable corpus over HTTPS', () => {
    let big: TrustarTest;
    let small: TrustarTest;
    before(async () => {
      const opts = { corpusEndMs: END, corpusSpanMs: 60 * DAY, limits: { perMinute: 0 } };
      big = await startTrustarTest({ ...opts, corpusSize: 1_000_000 });
      small = await startTrustarTest({ ...opts, corpusSize: 10_000 });
    });
    after(async () => {
      await big.close();
      await small.close();
    });

    /** The first page of a window starting `share` into the corpus, and the CPU time it cost. */
    async function pageAt(t: TrustarTest, token: string, share: number) {
      const from = END - 60 * DAY + Math.floor(share * 60 * DAY);
      const started = process.cpuUsage();
      const res = await t.api('POST', SEARCH, token, { from, to: END });
      const used = process.cpuUsage(started);
      assert.equal(res.status, 200);
      return { res, cpu: used.user + used.system };
    }

    test('answers its first and a middle page with bounded memory and at the cost of a small corpus', async () => {
      const [bigToken, smallToken] = [await big.token(), await small.token()];
      // Warm up both, then measure the median of three.
      await pageAt(big, bigToken, 0);
      await pageAt(small, smallToken, 0);
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      const costs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const first = await pageAt(big, bigToken, 0);
        const middle = await pageAt(big, bigToken, 0.5);
        const reference = await pageAt(small, smallToken, 0.5);
        assert.equal(first.res.body.items.length, 1000);
        assert.equal(middle.res.body.items.length, 1000);
        assert.notEqual(middle.res.body.items[0].value, first.res.body.items[0].value);
        assert.ok(middle.res.body.responseMetadata.nextCursor !== '');
        costs.push(middle.cpu / Math.max(1, reference.cpu));
      }
      const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
      // 1,000,000 materialised observables take several hundred MB; a page a few.
      assert.ok(heapGrowthMb < 60, `heap grew ${heapGrowthMb.toFixed(1)} MB`);
      // A page cost that grew with the corpus would be ~100× the 10,000-observable one.
      const median = costs.sort((a, b) => a - b)[1] as number;
      assert.ok(median < 10, `a middle page cost ${median.toFixed(1)}× a small corpus's`);
    });
  });
});
