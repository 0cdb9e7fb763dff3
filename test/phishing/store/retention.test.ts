// Retention of stored reports on both dialects: whole campaigns go once nothing happened to them for the
// kept days (aliases first, the rest on the next pass), a live campaign with an old first report stays
// whole, reports without a campaign go when old unless still pending, and the newest report stays.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import {
  assignCampaign,
  CampaignStore,
  ReportStore,
  type RetryPolicy,
} from '../../../src/phishing/store/index.js';
import { RetentionStore } from '../../../src/phishing/store/retention.js';
import { phishingDb } from '../../../src/phishing/store/tables.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;
const BEFORE = NOW - 180 * DAY;
const QUARANTINE_AT_ONCE: RetryPolicy = {
  maxAttempts: 1,
  backoffMs: () => 1000,
  outageRetryMs: 1000,
  maxOutageMs: DAY,
};

for (const dialect of DIALECTS) {
  describe(`phishing retention on ${dialect}`, () => {
    let t: TestDatabase;
    let clock = NOW;
    let seq = 0;
    let reports: ReportStore;
    let campaigns: CampaignStore;
    let retention: RetentionStore;

    beforeEach(async () => {
      t = await openTestDatabase(dialect);
      reports = new ReportStore(t.store.db, () => clock);
      campaigns = new CampaignStore(t.store.db, () => clock);
      retention = new RetentionStore(t.store.db);
    });
    afterEach(() => t.cleanup());

    /** A report seen, analysed and left in `state` at time `at`, in the campaign its aliases find. */
    async function report(
      at: number,
      o: { mid?: string; fp?: string; state?: 'done' | 'quarantined' | 'pending'; campaign?: boolean } = {},
    ): Promise<{ id: number; key: string | null }> {
      clock = at;
      const { report: r } = await reports.seen({
        mailbox: 'phish@contoso.com',
        messageId: `AAMk-${++seq}`,
        internetMessageId: `<r${seq}@contoso.com>`,
        receivedAt: at,
      });
      let key: string | null = null;
      if (o.campaign !== false) {
        const aliases = { ...(o.mid ? { messageId: o.mid } : {}), ...(o.fp ? { fingerprint: o.fp } : {}) };
        const c = await assignCampaign(t.store.db, r.id, aliases, at, {
          windowMs: 3 * DAY,
          now: () => clock,
        });
        key = c.key;
      }
      if ((o.state ?? 'done') === 'done') await reports.finish(r.id);
      if (o.state === 'quarantined') await reports.fail(r.id, 'Archer refused a value', QUARANTINE_AT_ONCE);
      clock = NOW;
      return { id: r.id, key };
    }

    const db = () => phishingDb(t.store.db);
    const reportIds = async () =>
      (await db().selectFrom('phishing_reports').select('id').orderBy('id').execute()).map((r) =>
        Number(r.id),
      );
    const campaignKeys = async () =>
      (await db().selectFrom('phishing_campaigns').select('key').orderBy('key').execute()).map((r) => r.key);
    const aliasesOf = async (key: string) =>
      (
        await db()
          .selectFrom('phishing_campaign_aliases')
          .select('alias')
          .where('campaign_key', '=', key)
          .orderBy('alias')
          .execute()
      ).map((r) => r.alias);
    /** A report of today, so the old ones under test are not the newest (which is always kept). */
    const today = () => report(NOW - DAY, { campaign: false });

    test('a campaign past retention loses its aliases on one pass and goes whole on the next', async () => {
      const a = await report(NOW - 300 * DAY, { mid: 'mid:old', fp: 'fp:old' });
      const b = await report(NOW - 200 * DAY, { mid: 'mid:old' });
      assert.equal(a.key, b.key);
      const key = a.key as string;
      await campaigns.beginCreate(key);
      clock = NOW - 200 * DAY;
      await campaigns.recordCreated(key, 4711);
      clock = NOW;
      const kept = await today();

      const first = await retention.prune({ before: BEFORE });
      assert.deepEqual(first, { campaigns: [], campaignReports: 0, retired: 1, unfiled: 0, quarantined: 0 });
      assert.deepEqual(await aliasesOf(key), []);
      assert.deepEqual(await reportIds(), [a.id, b.id, kept.id], 'its reports wait for the next pass');

      const second = await retention.prune({ before: BEFORE });
      assert.deepEqual(second, {
        campaigns: [{ key, archerContentId: 4711 }],
        campaignReports: 2,
        retired: 0,
        unfiled: 0,
        quarantined: 0,
      });
      assert.deepEqual(await reportIds(), [kept.id]);
      assert.deepEqual(await campaignKeys(), []);
    });

    test('a live campaign whose first report is old is kept whole, aliases included', async () => {
      const first = await report(NOW - 400 * DAY, { mid: 'mid:live', fp: 'fp:live' });
      const middle = await report(NOW - 250 * DAY, { mid: 'mid:live' });
      const recent = await report(NOW - 10 * DAY, { mid: 'mid:live' });
      const key = first.key as string;
      assert.equal(recent.key, key);
      await today();
      for (let pass = 0; pass < 3; pass++) {
        const p = await retention.prune({ before: BEFORE });
        assert.deepEqual(p, { campaigns: [], campaignReports: 0, retired: 0, unfiled: 0, quarantined: 0 });
      }
      const ids = await reportIds();
      for (const r of [first, middle, recent]) assert.ok(ids.includes(r.id), `report ${r.id} kept`);
      assert.deepEqual(await aliasesOf(key), ['fp:live', 'mid:live']);
      const row = await campaigns.get(key);
      assert.equal(row?.report_count, 3);
    });

    test('a campaign with a report still pending, or one reported out of order since, is kept', async () => {
      const pending = await report(NOW - 300 * DAY, { mid: 'mid:p' });
      await report(NOW - 290 * DAY, { mid: 'mid:p', state: 'pending' });
      // Joined today with an old receivedAt: the campaign's last_report_at stays old, its row is fresh.
      const late = await report(NOW - 300 * DAY, { mid: 'mid:late' });
      clock = NOW - DAY;
      const { report: r } = await reports.seen({
        mailbox: 'phish@contoso.com',
        messageId: 'AAMk-late',
        receivedAt: NOW - 301 * DAY,
      });
      await assignCampaign(t.store.db, r.id, { messageId: 'mid:late' }, NOW - 301 * DAY, {
        windowMs: 3 * DAY,
        now: () => clock,
      });
      await reports.finish(r.id);
      clock = NOW;
      await today();
      await retention.prune({ before: BEFORE });
      await retention.prune({ before: BEFORE });
      assert.deepEqual(await campaignKeys(), [pending.key, late.key].sort());
      assert.deepEqual(await aliasesOf(pending.key as string), ['mid:p'], 'later reports still find it');
      assert.deepEqual(await aliasesOf(late.key as string), ['mid:late']);
    });

    test('a report released after its campaign was retired keeps the campaign whole', async () => {
      const a = await report(NOW - 300 * DAY, { mid: 'mid:q' });
      const q = await report(NOW - 290 * DAY, { mid: 'mid:q', state: 'quarantined' });
      await today();
      assert.equal((await retention.prune({ before: BEFORE })).retired, 1);
      clock = NOW;
      assert.equal(await reports.release(q.id), true);
      const p = await retention.prune({ before: BEFORE });
      assert.deepEqual(p.campaigns, []);
      assert.ok((await reportIds()).includes(a.id));
      assert.equal((await reports.get(q.id))?.campaign_key, a.key);
    });

    test('a later report of a retired campaign starts a new campaign under a new key', async () => {
      const old = await report(NOW - 300 * DAY, { mid: 'mid:again' });
      await today();
      await retention.prune({ before: BEFORE });
      const again = await report(NOW - DAY, { mid: 'mid:again' });
      assert.notEqual(again.key, old.key);
      const p = await retention.prune({ before: BEFORE });
      assert.deepEqual(
        p.campaigns.map((c) => c.key),
        [old.key],
      );
      assert.deepEqual(await campaignKeys(), [again.key]);
      assert.deepEqual(await aliasesOf(again.key as string), ['mid:again']);
    });

    test('reports without a campaign go when old and finished or quarantined, never while pending', async () => {
      const unfiled = await report(NOW - 200 * DAY, { campaign: false });
      const quarantined = await report(NOW - 200 * DAY, { campaign: false, state: 'quarantined' });
      const pending = await report(NOW - 200 * DAY, { campaign: false, state: 'pending' });
      const young = await report(NOW - 100 * DAY, { campaign: false });
      // Received long ago but quarantined (changed) recently: kept until it too is old.
      const recentlyQuarantined = await report(NOW - 400 * DAY, { campaign: false, state: 'pending' });
      clock = NOW - 5 * DAY;
      await reports.fail(recentlyQuarantined.id, 'refused', QUARANTINE_AT_ONCE);
      clock = NOW;
      const kept = await today();
      const p = await retention.prune({ before: BEFORE });
      assert.deepEqual(p, { campaigns: [], campaignReports: 0, retired: 0, unfiled: 1, quarantined: 1 });
      assert.deepEqual(await reportIds(), [pending.id, young.id, recentlyQuarantined.id, kept.id]);
      assert.equal(
        (await reportIds()).some((id) => id === unfiled.id || id === quarantined.id),
        false,
      );
    });

    test('old quarantined reports of an old campaign go with it', async () => {
      const a = await report(NOW - 300 * DAY, { fp: 'fp:q' });
      await report(NOW - 299 * DAY, { fp: 'fp:q', state: 'quarantined' });
      await today();
      await retention.prune({ before: BEFORE });
      const p = await retention.prune({ before: BEFORE });
      assert.deepEqual(p.campaigns, [{ key: a.key, archerContentId: null }]);
      assert.equal(p.campaignReports, 2);
    });

    test('the newest report is kept however old, with its campaign, so its id is never handed out again', async () => {
      const old = await report(NOW - 300 * DAY, { mid: 'mid:last' });
      const newest = await report(NOW - 250 * DAY, { campaign: false });
      for (let pass = 0; pass < 2; pass++) await retention.prune({ before: BEFORE });
      assert.deepEqual(await reportIds(), [newest.id], 'the older campaign went');
      assert.deepEqual(await campaignKeys(), []);
      const inCampaign = await report(NOW - 240 * DAY, { mid: 'mid:newest' });
      for (let pass = 0; pass < 2; pass++) await retention.prune({ before: BEFORE });
      assert.deepEqual(await reportIds(), [inCampaign.id]);
      assert.deepEqual(await campaignKeys(), [inCampaign.key]);
      const next = await report(NOW, { campaign: false });
      assert.ok(next.id > inCampaign.id && inCampaign.id > newest.id && newest.id > old.id);
    });

    test('a pass works through more than one batch', async () => {
      const old: number[] = [];
      for (let i = 0; i < 5; i++) old.push((await report(NOW - 200 * DAY, { campaign: false })).id);
      for (let i = 0; i < 5; i++) await report(NOW - 200 * DAY, { mid: `mid:batch${i}` });
      const kept = await today();
      const first = await retention.prune({ before: BEFORE, batch: 2 });
      assert.equal(first.unfiled, 5);
      assert.equal(first.retired, 5);
      const second = await retention.prune({ before: BEFORE, batch: 2 });
      assert.equal(second.campaigns.length, 5);
      assert.equal(second.campaignReports, 5);
      assert.deepEqual(await reportIds(), [kept.id]);
    });
  });
}
