// Prioritized indicators search and enclaves against the emulator: priority, attribute and safelist
// filters in TruSTAR's encoding, the indicator shape validated, the configured enclaves checked
// against what the key can read.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkEnclaves,
  listEnclaves,
  searchIndicators,
  TrustarQueryError,
} from '../../../src/connectors/trustar/index.js';
import { collect, trustarFixture, wholeCorpus, closedAfterEach } from './helpers.js';

describe('trustar connector: indicators and enclaves', () => {
  const f = trustarFixture({ corpusSize: 3000 });
  const client = closedAfterEach(f);

  test('sends priority scores as ints and gets only those scores, safelisted ones left out', async () => {
    const c = client(f.em);
    const { items } = await collect(
      searchIndicators(c, { ...wholeCorpus(), priorityScores: ['HIGH', 'MEDIUM'] }),
    );
    assert.ok(items.length > 500);
    assert.ok(items.every((i) => i.priorityScore === 'HIGH' || i.priorityScore === 'MEDIUM'));
    assert.ok(items.every((i) => i.safelisted === false));
    const body = f.em.calls().find((x) => x.path === '/api/2.0/indicators/search')?.body as Record<
      string,
      unknown
    >;
    assert.deepEqual(body.priorityScores, [3, 2]);
    assert.equal(body.includeSafelisted, false);
    assert.deepEqual(body.enclaveGuids, f.em.enclaveIds);
  });

  test('includes safelisted indicators when asked, and filters by attribute', async () => {
    const c = client(f.em);
    const all = await collect(searchIndicators(c, { ...wholeCorpus(), includeSafelisted: true }));
    assert.equal(all.items.length, 3000);
    assert.ok(all.items.some((i) => i.safelisted));
    const emotet = await collect(
      searchIndicators(c, { ...wholeCorpus(), attributes: [{ type: 'MALWARE', value: 'Emotet' }] }),
    );
    assert.ok(emotet.items.length > 0);
    assert.ok(emotet.items.every((i) => i.attributes.some((a) => a.value === 'Emotet')));
  });

  test('lists enclaves and accepts configured enclaves the key can read', async () => {
    const c = client(f.em);
    const enclaves = await listEnclaves(c);
    assert.equal(enclaves.length, 5);
    const checked = await checkEnclaves(c);
    assert.deepEqual(
      checked.map((e) => e.id),
      f.em.enclaveIds,
    );
  });

  test('names a configured enclave the key cannot read, with the readable ones', async () => {
    const restricted = (await listEnclaves(client(f.em))).find((e) => !e.read)?.id as string;
    const c = client(f.em, { enclaveIds: [f.em.enclaveIds[0] as string, restricted] });
    await assert.rejects(checkEnclaves(c), (e: unknown) => {
      assert.ok(e instanceof TrustarQueryError);
      assert.equal(e.code, 'GSOC_TRUSTAR_ENCLAVE_NOT_READABLE');
      assert.ok(e.message.includes(restricted));
      assert.match(e.message, /RH-ISAC Vetted Indicators/);
      return true;
    });
  });
});
