// Observables search against the emulator: a 5,000-observable corpus paged without repeats or gaps,
// the configured enclaves and window in every body, the cursor in the body, resuming from a stored
// cursor, incremental windows after changes, and queries refused before anything is sent.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type Observable,
  searchObservables,
  TrustarQueryError,
} from '../../../src/connectors/trustar/index.js';
import { collect, count, trustarFixture, wholeCorpus, closedAfterEach } from './helpers.js';

const key = (o: { type: string; value: string }) => `${o.type}|${o.value}`;

describe('trustar connector: observables search', () => {
  const f = trustarFixture({ corpusSize: 5000 });
  const client = closedAfterEach(f);

  test('pages through a 5,000-observable corpus without repeats or gaps, in lastSeen order', async () => {
    const c = client(f.em);
    const { items, pages } = await collect(searchObservables(c, wholeCorpus()));
    assert.equal(items.length, 5000);
    assert.ok(pages >= 5 && pages <= 6, `${pages} pages`);
    assert.equal(new Set(items.map(key)).size, 5000, 'no repeats');
    for (let i = 0; i < 5000; i += 1) {
      const expected = f.em.observableAt(i);
      assert.ok(expected);
      assert.equal(key(items[i] as Observable), key(expected), `observable ${i}`);
    }
    const lastSeen = items.map((o) => o.lastSeen as number);
    assert.ok(lastSeen.every((t, i) => i === 0 || t >= (lastSeen[i - 1] as number)));
  });

  test('sends the configured enclaves, the window and the page size, and the cursor in the body', async () => {
    const enclaves = f.em.enclaveIds.slice(1, 3);
    const c = client(f.em, { enclaveIds: enclaves, pageSize: 700 });
    const window = wholeCorpus();
    const { items } = await collect(searchObservables(c, window));
    const searches = f.em.calls().filter((x) => x.path === '/api/2.0/observables/search');
    assert.ok(searches.length >= 2);
    searches.forEach((s, i) => {
      const body = s.body as Record<string, unknown>;
      assert.deepEqual(body.enclaveGuids, enclaves);
      assert.equal(body.from, window.from);
      assert.equal(body.to, window.to);
      assert.equal(s.pageSize, '700');
      assert.equal(typeof body.cursor === 'string', i > 0, 'cursor from the second page on');
    });
    assert.ok(items.length > 1000);
    for (const o of items) assert.ok(o.enclaveGuids.every((g) => enclaves.includes(g)));
  });

  test('searches a subset of the configured enclaves, and refuses one outside them without a call', async () => {
    const [a, b] = f.em.enclaveIds;
    const c = client(f.em, { enclaveIds: [a as string, b as string] });
    const page = await searchObservables(c, {
      ...wholeCorpus(),
      enclaveIds: [a as string],
      pageSize: 5,
    }).next();
    assert.ok(page.value?.items.every((o: Observable) => o.enclaveGuids.includes(a as string)));
    assert.throws(
      () => searchObservables(c, { ...wholeCorpus(), enclaveIds: [f.em.enclaveIds[3] as string] }),
      (e: unknown) => e instanceof TrustarQueryError && e.code === 'GSOC_TRUSTAR_ENCLAVE_NOT_CONFIGURED',
    );
  });

  test('resumes after a stored cursor with exactly the rest', async () => {
    const c = client(f.em, { pageSize: 1000 });
    const pages = searchObservables(c, wholeCorpus());
    const first = await pages.next();
    await pages.return(undefined);
    const stored = first.value?.nextCursor as string;
    const rest = await collect(searchObservables(c, { ...wholeCorpus(), cursor: stored }));
    const all = [...(first.value?.items ?? []), ...rest.items];
    assert.equal(all.length, 5000);
    assert.equal(new Set(all.map(key)).size, 5000);
  });

  test('a later window returns exactly what changed: an update, an addition, not a removal', async () => {
    const c = client(f.em);
    const first = wholeCorpus();
    await collect(searchObservables(c, first));
    const changedAt = Date.now();
    const updated = f.em.updateObservable({ ref: { index: 10 }, tags: ['revised'] });
    f.em.addObservables([{ type: 'DOMAIN', value: 'new-c2.example', tags: ['c2'] }]);
    f.em.removeObservable({ index: 11 });
    const later = await collect(searchObservables(c, { from: changedAt - 1000, to: Date.now() + 1000 }));
    assert.deepEqual(later.items.map(key).sort(), [key(updated), 'DOMAIN|new-c2.example'].sort());
    const again = await collect(searchObservables(c, first));
    assert.equal(
      again.items.length,
      5000,
      '4,999 generated + 1 added; the update moved, the removed one is gone',
    );
    assert.ok(!again.items.some((o) => key(o) === key(f.em.observableAt(11) ?? { type: '', value: '' })));
  });

  test('refuses a window over 364 days, from after to and more than 20 tags before sending', () => {
    const c = client(f.em);
    const now = Date.now();
    const bad = [
      { from: now - 365 * 86_400_000, to: now },
      { from: now, to: now - 1 },
      { from: now - 1000, to: now, includedTags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
    ];
    for (const q of bad)
      assert.throws(
        () => searchObservables(c, q),
        (e: unknown) => e instanceof TrustarQueryError && e.code === 'GSOC_TRUSTAR_QUERY_INVALID',
      );
    assert.equal(count(f.em, '/oauth/token'), 0);
  });

  test('filters by type and passes Date windows as milliseconds', async () => {
    const c = client(f.em);
    const w = wholeCorpus();
    const { items } = await collect(
      searchObservables(c, { from: new Date(w.from), to: new Date(w.to), types: ['IP4', 'IP6'] }),
    );
    assert.ok(items.length > 500);
    assert.ok(items.every((o) => o.type === 'IP4' || o.type === 'IP6'));
  });
});
