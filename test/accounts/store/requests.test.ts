// The requests repository on SQLite and PostgreSQL: filing (one live account per address and
// template), the decisions and their conditional transitions (of two, exactly one wins), the
// provisioning queue, step records (one request per account name), lifecycle marks, the console's
// search (with LIKE's own wildcards in the text), expiry and purge.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DuplicateRequestError,
  RequestNotFoundError,
  RequestStateError,
} from '../../../src/accounts/errors.js';
import { AccountsAudit } from '../../../src/accounts/store/audit.js';
import { AccountRequests, type NewRequest } from '../../../src/accounts/store/requests.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';

const base: NewRequest = {
  kind: 'account',
  template: 'staff',
  address: 'anna@example.edu',
  givenName: 'Anna',
  surname: 'Müller',
  locale: 'de',
  source: 'portal',
  approved: false,
};

for (const dialect of DIALECTS)
  describe(`account requests (${dialect})`, () => {
    let db: TestDatabase;
    let now = 1_700_000_000_000;
    let requests: AccountRequests;
    let audit: AccountsAudit;
    before(async () => {
      db = await openTestDatabase(dialect);
      requests = new AccountRequests(db.store.db, () => now);
      audit = new AccountsAudit(db.store.db, () => now);
    });
    after(() => db.cleanup());
    let n = 0;
    const file = (over: Partial<NewRequest> = {}) =>
      requests.file({ ...base, address: `p${++n}@example.edu`, ...over }, 'person');

    test('files pending or approved, audited; a second live account request for one address is refused', async () => {
      const pending = await file({ address: 'dup@example.edu' });
      assert.equal(pending.state, 'pending');
      assert.equal(pending.step, null);
      await assert.rejects(file({ address: 'dup@example.edu' }), DuplicateRequestError);
      // Another template, or a group request, is not a duplicate.
      await file({ address: 'dup@example.edu', template: 'guests' });
      await file({ address: 'dup@example.edu', kind: 'group-join', groupId: 'g' });
      const imported = await file({ source: 'import', approved: true, decidedBy: 'admin' });
      assert.equal(imported.state, 'approved');
      assert.equal(imported.step, 'upn');
      assert.equal(imported.decidedBy, 'admin');
      assert.deepEqual(
        (await audit.forRequest(imported.id)).map((a) => a.action),
        ['request.imported'],
      );
      const cancelled = await requests.cancel(pending.id, 'dup@example.edu');
      assert.equal(cancelled.state, 'cancelled');
      await file({ address: 'dup@example.edu' });
    });

    test('of two approvals exactly one wins; deny, cancel and retry only from their states', async () => {
      const r = await file();
      const results = await Promise.allSettled([requests.approve(r.id, 'a'), requests.approve(r.id, 'b')]);
      assert.equal(results.filter((x) => x.status === 'fulfilled').length, 1);
      const lost = results.find((x) => x.status === 'rejected') as PromiseRejectedResult;
      assert.ok(lost.reason instanceof RequestStateError);
      await assert.rejects(requests.deny(r.id, 'a', 'late'), RequestStateError);
      await assert.rejects(requests.retry(r.id, 'a'), RequestStateError);
      await assert.rejects(requests.approve('nope', 'a'), RequestNotFoundError);
      const other = await file();
      await assert.rejects(requests.cancel(other.id, 'someone@else.example'), RequestNotFoundError);
      const denied = await requests.deny(other.id, 'a', 'not eligible <script>');
      assert.equal(denied.reason, 'not eligible <script>');
    });

    test('the queue: due oldest first, nextDue, step records and their conditions', async () => {
      now += 1_000_000;
      const a = await file({ approved: true, address: 'q1@example.edu' });
      now += 10;
      const b = await file({ approved: true, address: 'q2@example.edu' });
      const due = (await requests.due(100)).map((r) => r.id);
      assert.ok(due.indexOf(a.id) < due.indexOf(b.id));
      assert.equal(await requests.postpone(a.id, 'upn', 'E: x', now + 5000), true);
      assert.equal((await requests.load(a.id)).attempts, 1);
      assert.ok(!(await requests.due(100)).some((r) => r.id === a.id), 'postponed is not due');
      assert.equal(await requests.postpone(a.id, 'user', 'E: x', now), false, 'not at that step');
      // One request per account name: the second record of a name is refused without an exception.
      assert.equal(await requests.record(a.id, 'upn', { upn: 'same@contoso.example' }), true);
      assert.equal(await requests.record(b.id, 'upn', { upn: 'same@contoso.example' }), false);
      assert.equal(await requests.record(b.id, 'user', { upn: 'b@contoso.example' }), false);
      assert.equal(await requests.complete(a.id, 'account', 'upn', {}), true);
      assert.equal(await requests.complete(a.id, 'account', 'upn', {}), false, 'twice: no');
      const moved = await requests.load(a.id);
      assert.equal(moved.step, 'user');
      assert.equal(moved.attempts, 0);
      assert.equal(moved.error, null);
      for (const step of ['user', 'licences', 'groups'] as const)
        assert.ok(await requests.complete(a.id, 'account', step, step === 'user' ? { user_id: 'u1' } : {}));
      assert.ok(await requests.complete(a.id, 'account', 'notify', { expires_at: now + 1000 }));
      const done = await requests.load(a.id);
      assert.deepEqual(
        [done.state, done.step, done.userId, done.expiresAt],
        ['done', null, 'u1', now + 1000],
      );
      assert.ok((await audit.forRequest(a.id)).some((x) => x.action === 'request.done'));
      assert.equal(typeof (await requests.nextDue()), 'number');
    });

    test('fail and retry: failed at its step with the reason, retried there with tries reset', async () => {
      const r = await file({ approved: true });
      await requests.postpone(r.id, 'upn', 'E: x', now);
      assert.equal(await requests.fail(r.id, 'user', 'E', 'X'), false);
      assert.equal(await requests.fail(r.id, 'upn', 'GSOC_X: no', 'NO_SEATS'), true);
      const failed = await requests.load(r.id);
      assert.deepEqual([failed.state, failed.reason, failed.step], ['failed', 'NO_SEATS', 'upn']);
      const again = await requests.retry(r.id, 'admin');
      assert.deepEqual([again.state, again.attempts, again.reason, again.step], ['approved', 0, null, 'upn']);
    });

    test("a group's nickname is planned once: of two workers at once only one may create the group", async () => {
      const r = await file({
        kind: 'group-create',
        groupName: 'Chess club',
        groupKind: 'security',
        approved: true,
      });
      const both = await Promise.all([
        requests.record(r.id, 'group', { group_nickname: 'chess-club' }),
        requests.record(r.id, 'group', { group_nickname: 'chess-club' }),
      ]);
      assert.deepEqual(both.filter(Boolean).length, 1);
      assert.equal(await requests.record(r.id, 'group', { group_nickname: 'chess-club-2' }), false);
      assert.equal((await requests.get(r.id))?.groupNickname, 'chess-club');
    });

    test('search treats %, _ and \\ in the text as themselves', async () => {
      const plain = await file({ address: 'axb@example.edu' });
      const under = await file({ address: 'a_b@example.edu' });
      const pct = await file({ address: 'a%c@example.edu' });
      const ids = async (search: string) => (await requests.page({ search, limit: 1000 })).map((r) => r.id);
      assert.deepEqual(await ids('a_b'), [under.id]);
      assert.deepEqual(await ids('A%C'), [pct.id]);
      assert.ok((await ids('ax')).includes(plain.id));
      assert.deepEqual(await ids('a\\'), []);
    });

    test('keyset pages cover every row once, newest first', async () => {
      const seen: string[] = [];
      let before: { createdAt: number; id: string } | undefined;
      for (;;) {
        const page = await requests.page({ limit: 3, ...(before ? { before } : {}) });
        if (page.length === 0) break;
        seen.push(...page.map((r) => r.id));
        const last = page.at(-1)!;
        before = { createdAt: last.createdAt, id: last.id };
      }
      const all = await requests.page({ limit: 10_000 });
      assert.deepEqual(
        seen,
        all.map((r) => r.id),
      );
      assert.equal(new Set(seen).size, seen.length);
      const counts = await requests.counts();
      assert.equal(
        Object.values(counts).reduce((x, y) => x + y, 0),
        all.length,
      );
    });

    test('expiring and marks; purge keeps a done account that still exists', async () => {
      now += 1_000_000;
      const r = await file({ approved: true, address: 'exp@example.edu' });
      await requests.record(r.id, 'upn', { upn: 'exp@contoso.example' });
      for (const step of ['upn', 'user', 'licences', 'groups'] as const)
        await requests.complete(r.id, 'account', step, step === 'user' ? { user_id: 'u-exp' } : {});
      await requests.complete(r.id, 'account', 'notify', { expires_at: now + 100 });
      assert.ok((await requests.expiring(now + 100, 100)).some((x) => x.id === r.id));
      assert.ok(!(await requests.expiring(now + 99, 100)).some((x) => x.id === r.id));
      await requests.mark(r.id, { disabled_at: now }, { actor: 'system', action: 'directory.user-disabled' });
      now += 10;
      const finished = (await requests.page({ limit: 10_000 })).filter(
        (x) =>
          ['denied', 'cancelled', 'failed'].includes(x.state) ||
          (x.state === 'done' && (x.kind !== 'account' || x.deletedAt !== null)),
      );
      assert.ok(finished.length > 0);
      assert.equal(await requests.purge(now + 1), finished.length);
      assert.ok(await requests.get(r.id), 'its account still exists: kept');
      await requests.mark(r.id, { deleted_at: now });
      now += 10;
      await requests.purge(now + 1);
      assert.equal(await requests.get(r.id), undefined);
      // Its name is free again for a new request once the account is deleted.
      const next = await file({ approved: true });
      assert.equal(await requests.record(next.id, 'upn', { upn: 'exp@contoso.example' }), true);
    });
  });
