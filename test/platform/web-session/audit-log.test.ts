// The audit log on both dialects: what an entry keeps, paging newest first, filters, bounded detail,
// refused entries and the retention purge.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { AuditLog, type AuditInput, isActionCode } from '../../../src/platform/web-session/index.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';

const DAY = 86_400_000;
const alice = { subject: '6f1c2a94-0b7e-4c1d-9a55-3e2f1d0c9b8a', name: 'Alice' };
const bob = { subject: 'local:bob', name: 'Bob' };
const entry = (o: Partial<AuditInput> = {}): AuditInput => ({
  actor: alice,
  action: 'phishing.report.release',
  target: 'report:42',
  ip: '198.51.100.7',
  userAgent: 'Mozilla/5.0 test',
  outcome: 'success',
  ...o,
});

for (const dialect of DIALECTS) {
  describe(`audit log on ${dialect}`, () => {
    let t: TestDatabase;
    let now = 1_800_000_000_000;
    let audit: AuditLog;
    before(async () => {
      t = await openTestDatabase(dialect);
      audit = new AuditLog(t.store, { clock: () => now });
    });
    beforeEach(() => t.store.db.deleteFrom('console_audit').execute());
    after(() => t.cleanup());

    test('an entry keeps who, what, to what, when, from where, how it ended, and its detail', async () => {
      const id = await audit.append(
        entry({ detail: { reason: 'false positive', count: 3, nested: [1, null] } }),
      );
      const { entries, next } = await audit.list();
      assert.equal(next, undefined);
      assert.deepEqual(entries, [
        {
          id,
          at: now,
          actor: alice,
          action: 'phishing.report.release',
          target: 'report:42',
          ip: '198.51.100.7',
          userAgent: 'Mozilla/5.0 test',
          outcome: 'success',
          detail: { reason: 'false positive', count: 3, nested: [1, null] },
        },
      ]);
    });

    test('someone not signed in, no target and no detail are kept as such; an explicit time is kept', async () => {
      await audit.append(
        entry({ actor: null, action: 'console.sign-in', target: null, outcome: 'failure', at: 5 }),
      );
      const [e] = (await audit.list()).entries;
      assert.deepEqual(
        { actor: e?.actor, target: e?.target, detail: e?.detail, at: e?.at },
        { actor: null, target: null, detail: undefined, at: 5 },
      );
    });

    test('pages run newest first with a cursor until the last, without gaps or repeats', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 23; i++) ids.push(await audit.append(entry({ target: `report:${i}` })));
      const seen: string[] = [];
      let before: string | undefined;
      let pages = 0;
      do {
        const page = await audit.list({ limit: 5, ...(before ? { before } : {}) });
        assert.ok(page.entries.length <= 5);
        seen.push(...page.entries.map((e) => e.id));
        before = page.next;
        pages++;
      } while (before);
      assert.equal(pages, 5);
      assert.deepEqual(seen, [...ids].reverse());
    });

    test('an exact page count ends without an empty extra page', async () => {
      for (let i = 0; i < 4; i++) await audit.append(entry());
      const first = await audit.list({ limit: 2 });
      const second = await audit.list({ limit: 2, before: first.next! });
      assert.equal(second.entries.length, 2);
      assert.equal(second.next, undefined);
    });

    test('filters by actor, action and time, together with paging', async () => {
      await audit.append(entry({ actor: bob, action: 'settings.change' }));
      now += 1000;
      const since = now;
      await audit.append(entry({ actor: bob }));
      await audit.append(entry());
      await audit.append(entry({ action: 'phishing.report.reanalyse' }));
      const actions = async (q: Parameters<AuditLog['list']>[0]) =>
        (await audit.list(q)).entries.map((e) => `${e.actor?.name} ${e.action}`);
      assert.deepEqual(await actions({ actor: 'local:bob' }), [
        'Bob phishing.report.release',
        'Bob settings.change',
      ]);
      assert.deepEqual(await actions({ action: 'phishing.report.release' }), [
        'Alice phishing.report.release',
        'Bob phishing.report.release',
      ]);
      assert.deepEqual(await actions({ since, actor: 'local:bob' }), ['Bob phishing.report.release']);
      const p1 = await audit.list({ action: 'phishing.report.release', limit: 1 });
      const p2 = await audit.list({ action: 'phishing.report.release', limit: 1, before: p1.next! });
      assert.deepEqual(
        p2.entries.map((e) => e.actor?.name),
        ['Bob'],
      );
      assert.equal(p2.next, undefined);
    });

    test('a cursor the log did not hand out is refused with GSOC_SESSION_AUDIT_CURSOR_INVALID', async () => {
      for (const c of ['', 'abc', '-1', '0', '1.5', '1e3', '9'.repeat(20), "1' or 1=1"])
        await assert.rejects(
          audit.list({ before: c }),
          (e: Error & { code?: string; httpStatus?: number }) => {
            assert.equal(e.code, 'GSOC_SESSION_AUDIT_CURSOR_INVALID');
            assert.equal(e.httpStatus, 400);
            return true;
          },
          c,
        );
    });

    test('the page size is held between 1 and 500', async () => {
      for (let i = 0; i < 3; i++) await audit.append(entry());
      assert.equal((await audit.list({ limit: 0 })).entries.length, 1);
      assert.equal((await audit.list({ limit: 10_000 })).entries.length, 3);
    });

    test('a detail over the size bound is replaced by its size; one that cannot be JSON says so', async () => {
      await audit.append(entry({ detail: { blob: 'x'.repeat(10_000) } }));
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      await audit.append(entry({ detail: cyclic }));
      await audit.append(entry({ detail: { n: 10n } }));
      const details = (await audit.list()).entries.map((e) => e.detail);
      assert.deepEqual(details, [
        { unserialisable: true },
        { unserialisable: true },
        { truncated: true, bytes: 10_011 },
      ]);
    });

    test('long client values are cut rather than refused', async () => {
      await audit.append(
        entry({ userAgent: 'u'.repeat(100_000), ip: '1'.repeat(1000), target: 't'.repeat(1000) }),
      );
      const [e] = (await audit.list()).entries;
      assert.deepEqual([e?.userAgent.length, e?.ip.length, e?.target?.length], [512, 64, 512]);
    });

    test('a malformed action code or outcome is refused and nothing is written', async () => {
      for (const bad of [
        entry({ action: 'release' }),
        entry({ action: 'Phishing.Release' }),
        entry({ action: 'phishing..release' }),
        entry({ action: 'phishing.release.' }),
        entry({ action: `a.${'b'.repeat(200)}` }),
        entry({ outcome: 'maybe' as never }),
      ])
        await assert.rejects(audit.append(bad), /GSOC_SESSION_RECORD_INVALID|audit entry not written/);
      assert.deepEqual((await audit.list()).entries, []);
    });

    test('the retention purge deletes entries older than the retention and keeps the rest', async () => {
      await audit.append(entry({ at: now - 401 * DAY }));
      await audit.append(entry({ at: now - 399 * DAY }));
      await audit.append(entry());
      assert.equal(await audit.purge(), 1);
      assert.equal((await audit.list()).entries.length, 2);
      const short = new AuditLog(t.store, { retentionDays: 30, clock: () => now });
      assert.equal(await short.purge(), 1);
    });
  });
}

test('action codes: dotted lowercase segments, each starting with a letter', () => {
  for (const ok of ['phishing.report.release', 'console.sign-in', 'accounts.user2.disable', 'a.b'])
    assert.equal(isActionCode(ok), true, ok);
  for (const bad of [
    '',
    'a',
    '.a',
    'a.',
    'a..b',
    'A.b',
    'a.1b',
    'a.b c',
    'a.b.c.d.e.f.g.h.i',
    `a.${'b'.repeat(1_000_000)}`,
  ])
    assert.equal(isActionCode(bad), false, bad.slice(0, 20));
});
