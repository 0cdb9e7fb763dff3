// kv_state on both dialects: set/get/delete, setIfAbsent agreeing on one value, prefix listing that
// treats LIKE wildcards in keys literally.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { KvState } from '../../../src/platform/db/index.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';

for (const dialect of DIALECTS) {
  describe(`kv state on ${dialect}`, () => {
    let t: TestDatabase;
    let kv: KvState;
    before(async () => {
      t = await openTestDatabase(dialect);
      kv = new KvState(t.store.db);
    });
    after(() => t.cleanup());

    test('set, overwrite, get, delete', async () => {
      assert.equal(await kv.get('a'), undefined);
      await kv.set('a', '1');
      await kv.set('a', '2');
      assert.equal(await kv.get('a'), '2');
      await kv.delete('a');
      assert.equal(await kv.get('a'), undefined);
    });

    test('setIfAbsent: racing writers all get the first stored value', async () => {
      const results = await Promise.all(['x', 'y', 'z'].map((v) => kv.setIfAbsent('secret', v)));
      assert.equal(new Set(results).size, 1);
      assert.equal(await kv.get('secret'), results[0]);
    });

    test('list by prefix, with % and _ in keys taken literally', async () => {
      await kv.set('p:tenant_a:1', 'a1');
      await kv.set('p:tenantXa:1', 'other');
      await kv.set('p:tenant_a:2', 'a2');
      await kv.set('q:tenant_a:1', 'q');
      await kv.set('p:100%:1', 'pct');
      assert.deepEqual((await kv.list('p:tenant_a:')).map((r) => r.value).sort(), ['a1', 'a2']);
      assert.deepEqual(
        (await kv.list('p:100%')).map((r) => r.value),
        ['pct'],
      );
    });
  });
}
