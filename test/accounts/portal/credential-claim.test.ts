// The first credential's one view, on SQLite and PostgreSQL: of many confirmations at once exactly
// one claims it, a claim given back after a failed Graph call can be taken again, and only a done
// request can be claimed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AccountRequests } from '../../../src/accounts/store/requests.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';

for (const dialect of DIALECTS) {
  describe(`first-credential claim (${dialect})`, () => {
    let db: TestDatabase;
    let requests: AccountRequests;
    before(async () => {
      db = await openTestDatabase(dialect);
      requests = new AccountRequests(db.store.db);
    });
    after(() => db.cleanup());

    async function doneRequest(address: string): Promise<string> {
      const r = await requests.file(
        {
          kind: 'group-join',
          template: 'students',
          address,
          givenName: 'Ada',
          surname: 'Lovelace',
          locale: 'en',
          groupId: '6b1d1f2e-8c55-4a4b-9a39-0f3b1f0a9c11',
          source: 'portal',
          approved: true,
        },
        'person',
      );
      assert.equal(await requests.complete(r.id, r.kind, 'groups', {}), true);
      assert.equal(await requests.complete(r.id, r.kind, 'notify', {}), true);
      return r.id;
    }

    test('twenty confirmations at once: exactly one claims the view', async () => {
      const id = await doneRequest('race@stud.example.edu');
      const at = Date.now();
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) => requests.claimCredential(id, at + i)),
      );
      assert.equal(claims.filter(Boolean).length, 1);
      assert.notEqual((await requests.get(id))?.credentialViewedAt, null);
    });

    test('a claim given back after a failure can be taken again, and only by its own time', async () => {
      const id = await doneRequest('retry@stud.example.edu');
      assert.equal(await requests.claimCredential(id, 1000), true);
      await requests.releaseCredential(id, 999);
      assert.equal(await requests.claimCredential(id, 2000), false, 'another time does not release it');
      await requests.releaseCredential(id, 1000);
      assert.equal((await requests.get(id))?.credentialViewedAt, null);
      assert.equal(await requests.claimCredential(id, 3000), true);
    });

    test('a request that is not done cannot be claimed', async () => {
      const r = await requests.file(
        {
          kind: 'account',
          template: 'students',
          address: 'pending@stud.example.edu',
          givenName: 'Grace',
          surname: 'Hopper',
          locale: 'de',
          source: 'portal',
          approved: false,
        },
        'person',
      );
      assert.equal(await requests.claimCredential(r.id, 1), false);
    });
  });
}
