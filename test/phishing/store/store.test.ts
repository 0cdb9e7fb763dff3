// The phishing pipeline's state on both dialects: a message is recorded once, steps advance, failures
// back off and quarantine, a report joins its campaign once, and the Archer create protocol leaves a
// trace that tells a restarted worker to look the record up instead of creating it twice.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CampaignStore,
  isBehind,
  needsLookup,
  ReportStore,
  type RetryPolicy,
} from '../../../src/phishing/store/index.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';

const POLICY: RetryPolicy = {
  maxAttempts: 3,
  backoffMs: (n) => n * 1000,
  outageRetryMs: 500,
  maxOutageMs: 3_600_000,
};

for (const dialect of DIALECTS) {
  describe(`phishing store on ${dialect}`, () => {
    let t: TestDatabase;
    let now = 1_800_000_000_000;
    let reports: ReportStore;
    let campaigns: CampaignStore;
    let seq = 0;
    const message = (over: Partial<{ mailbox: string; messageId: string }> = {}) => ({
      mailbox: 'phish@contoso.com',
      messageId: `AAMk-${++seq}`,
      internetMessageId: `<m${seq}@contoso.com>`,
      receivedAt: now - seq,
      ...over,
    });

    before(async () => {
      t = await openTestDatabase(dialect);
      reports = new ReportStore(t.store.db, () => now);
      campaigns = new CampaignStore(t.store.db, () => now);
    });
    after(() => t.cleanup());

    test('a message is recorded once however often delta shows it', async () => {
      const m = message();
      const first = await reports.seen(m);
      const again = await reports.seen(m);
      assert.equal(first.isNew, true);
      assert.equal(again.isNew, false);
      assert.equal(again.report.id, first.report.id);
      assert.deepEqual(
        { state: first.report.state, step: first.report.step, attempts: first.report.attempts },
        { state: 'pending', step: 'fetched', attempts: 0 },
      );
      const other = await reports.seen({ ...m, mailbox: 'soc@contoso.com' });
      assert.equal(other.isNew, true, 'the same id in another mailbox is another report');
    });

    test('a copy of a recorded report (same Internet Message-ID, new Graph id) is not a new report', async () => {
      const m = message();
      const first = await reports.seen(m);
      const copy = await reports.seen({ ...m, messageId: `${m.messageId}-copy` });
      assert.equal(copy.isNew, false);
      assert.equal(copy.report.id, first.report.id);
      const elsewhere = await reports.seen({
        ...m,
        messageId: `${m.messageId}-b`,
        mailbox: 'soc@contoso.com',
      });
      assert.equal(elsewhere.isNew, true, 'another mailbox has its own reports');
      const { internetMessageId: _, ...noHeader } = message();
      const a = await reports.seen(noHeader);
      const b = await reports.seen({ ...noHeader, messageId: `${noHeader.messageId}-2` });
      assert.equal(a.isNew && b.isNew, true, 'without a Message-ID only the Graph id tells reports apart');
    });

    test('steps advance and keep what they produced; MIME bytes survive the round trip', async () => {
      const { report } = await reports.seen(message());
      const mime = new Uint8Array([0, 1, 2, 255, 13, 10]);
      await reports.advance(report.id, 'fetched', { mime });
      const returned = await reports.advance(report.id, 'analysed', { analysis: '{"verdict":"malicious"}' });
      const row = await reports.get(report.id);
      assert.deepEqual(returned, row, 'advance hands back the row as stored');
      assert.equal(row?.step, 'analysed');
      assert.equal(row?.analysis, '{"verdict":"malicious"}');
      assert.deepEqual([...(row?.mime ?? [])], [...mime]);
      await reports.finish(report.id);
      const done = await reports.get(report.id);
      assert.deepEqual({ state: done?.state, mime: done?.mime }, { state: 'done', mime: null });
      assert.ok(!(await reports.due(100)).some((r) => r.id === report.id));
      assert.equal(await reports.advance(report.id, 'notified'), undefined, 'a done report is not advanced');
    });

    test('a failure waits for its backoff; the last allowed failure quarantines with the reason', async () => {
      const { report } = await reports.seen(message());
      assert.equal(await reports.fail(report.id, 'Archer said 503', POLICY), 'pending');
      assert.ok(!(await reports.due(100)).some((r) => r.id === report.id), 'not due during backoff');
      now += 1000;
      assert.ok(
        (await reports.due(100)).some((r) => r.id === report.id),
        'due after it',
      );
      assert.equal(await reports.fail(report.id, 'Archer said 503', POLICY), 'pending');
      assert.equal(await reports.fail(report.id, 'x'.repeat(5000), POLICY), 'quarantined');
      const q = (await reports.quarantined(10)).find((r) => r.id === report.id);
      assert.equal(q?.attempts, 3);
      assert.equal(q?.last_error?.length, 2000, 'the reason is kept, cut to a sane length');
      assert.equal(await reports.fail(report.id, 'late', POLICY), 'quarantined', 'stays quarantined');
      assert.equal(await reports.release(report.id), true);
      const back = await reports.get(report.id);
      assert.deepEqual({ state: back?.state, attempts: back?.attempts }, { state: 'pending', attempts: 0 });
      assert.equal(await reports.release(report.id), false, 'only a quarantined report can be released');
    });

    test('outage failures use no attempts; a step that succeeds ends the outage run', async () => {
      const { report } = await reports.seen(message());
      for (let i = 0; i < 10; i++) {
        assert.equal(await reports.fail(report.id, 'Archer 503', POLICY, { outage: true }), 'pending');
        now += 60_000;
      }
      let r = await reports.get(report.id);
      assert.deepEqual(
        { attempts: r?.attempts, next: (r?.next_attempt_at ?? 0) - (now - 60_000), error: r?.last_error },
        { attempts: 0, next: 500, error: 'Archer 503' },
      );
      assert.equal(r?.failing_since, now - 600_000, 'the run began with the first outage failure');
      await reports.advance(report.id, 'analysed');
      r = await reports.get(report.id);
      assert.equal(r?.failing_since, null);
      // A failure of its own counts and ends an outage run too.
      assert.equal(await reports.fail(report.id, 'Archer refused a value', POLICY), 'pending');
      assert.deepEqual(
        {
          attempts: (await reports.get(report.id))?.attempts,
          since: (await reports.get(report.id))?.failing_since,
        },
        { attempts: 1, since: null },
      );
    });

    test('a report failing only through outages longer than maxOutageMs is quarantined', async () => {
      const { report } = await reports.seen(message());
      assert.equal(await reports.fail(report.id, 'timeout', POLICY, { outage: true }), 'pending');
      now += POLICY.maxOutageMs;
      assert.equal(
        await reports.fail(report.id, 'timeout', POLICY, { outage: true }),
        'pending',
        'not yet past',
      );
      now += 1;
      assert.equal(await reports.fail(report.id, 'timeout', POLICY, { outage: true }), 'quarantined');
      assert.equal(await reports.release(report.id), true);
      const back = await reports.get(report.id);
      assert.deepEqual({ state: back?.state, since: back?.failing_since }, { state: 'pending', since: null });
    });

    test('one owner at a time may write a campaign record; its own claim comes back, an expired one frees', async () => {
      const key = `campaign-${dialect}-claim`;
      const r = (await reports.seen(message())).report;
      await campaigns.join(key, r.id, 1);
      assert.equal(await campaigns.claimCase(key, 'eu', 60_000), true);
      assert.equal(await campaigns.claimCase(key, 'us', 60_000), false, 'held by eu');
      assert.equal(await campaigns.claimCase(key, 'eu', 60_000), true, 'a restarted eu worker takes it back');
      await campaigns.releaseCase(key, 'us');
      assert.equal(await campaigns.claimCase(key, 'us', 60_000), false, 'only the owner releases');
      await campaigns.releaseCase(key, 'eu');
      assert.equal(await campaigns.claimCase(key, 'us', 20), true);
      now += 60_000; // SQLite: the local clock decides
      await sleep(60); // PostgreSQL: the database's clock decides
      assert.equal(await campaigns.claimCase(key, 'eu', 60_000), true, 'us crashed; its claim expired');
      assert.equal(await campaigns.claimCase('no-such-campaign', 'eu', 60_000), false);
    });

    if (dialect === 'postgres')
      test("a worker whose clock runs behind holds its claim by the database's clock", async () => {
        const key = 'campaign-postgres-skew';
        const r = (await reports.seen(message())).report;
        await campaigns.join(key, r.id, 1);
        const behind = new CampaignStore(t.store.db, () => Date.now() - 3_600_000);
        const onTime = new CampaignStore(t.store.db, () => Date.now());
        assert.equal(await behind.claimCase(key, 'eu', 60_000), true);
        assert.equal(await onTime.claimCase(key, 'us', 60_000), false, 'not expired an hour early');
      });

    test('a postponed report waits without a failure', async () => {
      const { report } = await reports.seen(message());
      await reports.postpone(report.id, 2_000);
      const r = await reports.get(report.id);
      assert.deepEqual(
        { attempts: r?.attempts, error: r?.last_error, wait: (r?.next_attempt_at ?? 0) - now },
        { attempts: 0, error: null, wait: 2_000 },
      );
    });

    test('due lists pending reports oldest first, per mailbox when asked', async () => {
      const a = (await reports.seen(message({ mailbox: 'a@x' }))).report;
      const b = (await reports.seen(message({ mailbox: 'b@x' }))).report;
      const due = await reports.due(1000);
      const order = due.map((r) => r.id);
      assert.ok(order.indexOf(b.id) < order.indexOf(a.id), 'b was received earlier');
      assert.deepEqual(
        (await reports.due(1000, 'a@x')).map((r) => r.id),
        [a.id],
      );
    });

    test('a report joins its campaign once; each new reporter is a new version', async () => {
      const key = `campaign-${dialect}-1`;
      const r1 = (await reports.seen(message())).report;
      const r2 = (await reports.seen(message())).report;
      const c1 = await campaigns.join(key, r1.id, 100);
      assert.deepEqual(
        { count: c1.report_count, version: c1.version, applied: c1.applied_version },
        { count: 1, version: 1, applied: 0 },
      );
      const retried = await campaigns.join(key, r1.id, 100);
      assert.equal(retried.report_count, 1, 'a retried step does not count the reporter twice');
      const c2 = await campaigns.join(key, r2.id, 200);
      assert.deepEqual(
        { count: c2.report_count, version: c2.version, first: c2.first_report_at, last: c2.last_report_at },
        { count: 2, version: 2, first: 100, last: 200 },
      );
      assert.equal((await reports.get(r2.id))?.campaign_key, key);
      assert.equal(isBehind(c2), true);
      await campaigns.applied(key, 2);
      await campaigns.applied(key, 1);
      const c3 = await campaigns.get(key);
      assert.equal(c3?.applied_version, 2, 'an older acknowledgement does not lower it');
      assert.equal(isBehind(c3 as NonNullable<typeof c3>), false);
    });

    test('the create protocol: intent first, then the id; a crash in between asks for a lookup', async () => {
      const key = `campaign-${dialect}-2`;
      const r = (await reports.seen(message())).report;
      const fresh = await campaigns.join(key, r.id, 1);
      assert.equal(needsLookup(fresh), false, 'never started: create right away');
      const started = await campaigns.beginCreate(key);
      assert.ok(started.create_started_at);
      // A worker killed here restarts and finds this row:
      assert.equal(needsLookup((await campaigns.get(key)) as NonNullable<typeof started>), true);
      const again = await campaigns.beginCreate(key);
      assert.equal(again.create_started_at, started.create_started_at, 'the first intent is kept');
      const created = await campaigns.recordCreated(key, 424242);
      assert.equal(created.archer_content_id, 424242);
      assert.equal(needsLookup(created), false);
      const kept = await campaigns.recordCreated(key, 1);
      assert.equal(kept.archer_content_id, 424242, 'an id once recorded is never replaced');
    });
  });
}
