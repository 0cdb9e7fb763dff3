// Campaign grouping on both dialects: a shared Message-ID groups whenever reports arrive, a shared
// sender/subject/URL fingerprint or template only within the window, concurrent first reports still
// agree on one campaign, a retried assignment changes nothing, and each report says why it joined.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { campaignAliases } from '../../../src/phishing/campaigns/index.js';
import { assignCampaign } from '../../../src/phishing/store/index.js';
import { ReportStore } from '../../../src/phishing/store/index.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';
import { phishingDb } from '../../../src/phishing/store/index.js';
import { type TemplateSignature, templateSignature } from '../../../src/phishing/analyze/template/index.js';

/** A copy of one phishing letter to one recipient, from its own sender, with its own subject. */
function letter(recipient: string, sender: string, subject: string, urls: string[]): TemplateSignature {
  return templateSignature({
    text: `Dear ${recipient}, we detected unusual sign-in activity on your account ${recipient}@corp.example from
      IP 185.${recipient.length}.3.4 on 12/0${recipient.length}/2026. If this was not you, review your
      recent activity and secure your account within 24 hours, otherwise access will be suspended.
      Reference ${recipient.toUpperCase()}77Q${recipient.length}. Thank you, the account team.`,
    subject,
    displayName: 'Account team',
    sender,
    urls,
    recipient: { address: `${recipient}@corp.example`, name: recipient },
  });
}

const OTHER_LETTER = templateSignature({
  text: 'Your parcel could not be delivered because the address was incomplete. Pay the customs fee within 48 hours at the link below, or the parcel goes back to its sender. Thank you for choosing us.',
  subject: 'parcel on hold',
  displayName: 'Post',
  sender: 'evil.example',
  urls: ['https://evil.example/pay'],
  recipient: null,
});

const HOUR = 3_600_000;

describe('campaign aliases', () => {
  const base = {
    messageId: '<Abc@Evil.Example>',
    senderDomain: 'evil.example',
    subject: 'invoice',
    urlFingerprint: 'f1',
  };
  test('Message-ID alias ignores angle brackets and case', () => {
    assert.equal(
      campaignAliases(base).messageId,
      campaignAliases({ ...base, messageId: 'abc@evil.example' }).messageId,
    );
  });
  test('fingerprint needs a sender domain and a subject or URLs', () => {
    assert.ok(campaignAliases(base).fingerprint);
    assert.equal(campaignAliases({ ...base, senderDomain: null }).fingerprint, undefined);
    assert.equal(campaignAliases({ ...base, subject: '', urlFingerprint: null }).fingerprint, undefined);
    assert.ok(campaignAliases({ ...base, subject: '' }).fingerprint);
  });
  test('fingerprint changes with sender domain, subject or URL set', () => {
    const fp = campaignAliases(base).fingerprint;
    for (const change of [
      { senderDomain: 'other.example' },
      { subject: 'invoice 2' },
      { urlFingerprint: 'f2' },
    ]) {
      assert.notEqual(campaignAliases({ ...base, ...change }).fingerprint, fp, JSON.stringify(change));
    }
  });
  test('aliases carry no readable subject or address', () => {
    const a = campaignAliases(base);
    assert.ok(!JSON.stringify(a).includes('evil'));
    assert.ok(!JSON.stringify(a).includes('invoice'));
  });
});

for (const dialect of DIALECTS) {
  describe(`campaign assignment on ${dialect}`, () => {
    let t: TestDatabase;
    let reports: ReportStore;
    let now = 1_800_000_000_000;
    let seq = 0;
    const report = async () =>
      (await reports.seen({ mailbox: 'phish@x', messageId: `m${++seq}`, receivedAt: now })).report.id;
    const assign = async (
      id: number,
      inputs: Partial<Parameters<typeof campaignAliases>[0]>,
      template: TemplateSignature | null = null,
    ) =>
      assignCampaign(
        t.store.db,
        id,
        campaignAliases({
          messageId: null,
          senderDomain: null,
          subject: '',
          urlFingerprint: null,
          ...inputs,
        }),
        now,
        { windowMs: 72 * HOUR, now: () => now },
        template,
      );
    const joinOf = async (id: number) =>
      (
        await phishingDb(t.store.db)
          .selectFrom('phishing_reports')
          .select('campaign_join')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).campaign_join;

    before(async () => {
      t = await openTestDatabase(dialect);
      reports = new ReportStore(t.store.db, () => now);
    });
    after(() => t.cleanup());

    test('the same original groups whenever it is reported', async () => {
      const a = await assign(await report(), { messageId: `<same-${dialect}@evil>` });
      now += 30 * 24 * HOUR;
      const b = await assign(await report(), { messageId: `<same-${dialect}@evil>` });
      assert.equal(b.key, a.key);
      assert.equal(b.report_count, 2);
    });

    test('sender, subject and URLs group within the window only; a later report joins the new campaign', async () => {
      const fp = { senderDomain: `${dialect}.evil`, subject: 'reset your password', urlFingerprint: 'u1' };
      const a = await assign(await report(), fp);
      now += 10 * HOUR;
      const b = await assign(await report(), { ...fp, messageId: `<other-${dialect}@evil>` });
      assert.equal(b.key, a.key, 'within the window, even with another Message-ID');
      now += 100 * HOUR;
      const c = await assign(await report(), fp);
      assert.notEqual(c.key, a.key, 'outside the window: a new campaign');
      now += HOUR;
      const d = await assign(await report(), fp);
      assert.equal(d.key, c.key, 'the fingerprint now names the new campaign');
    });

    test('a report with nothing to group on is a campaign of its own, with a key no other database makes', async () => {
      const id = await report();
      const c = await assign(id, {});
      assert.match(c.key, new RegExp(`^c${id}-[0-9a-f]{12}$`));
    });

    test('assigning a report again changes nothing', async () => {
      const id = await report();
      const first = await assign(id, { messageId: `<retry-${dialect}@evil>` });
      const again = await assign(id, { messageId: `<different-${dialect}@evil>` });
      assert.equal(again.key, first.key);
      assert.equal(again.report_count, 1);
    });

    test('concurrent first reports of one campaign agree on one campaign', async () => {
      const ids = await Promise.all(Array.from({ length: 8 }, () => report()));
      const byMid = await Promise.all(
        ids.slice(0, 4).map((id) => assign(id, { messageId: `<race-${dialect}@evil>` })),
      );
      assert.equal(new Set(byMid.map((c) => c.key)).size, 1);
      const fp = { senderDomain: `race-${dialect}.evil`, subject: 'race', urlFingerprint: null };
      const byFp = await Promise.all(ids.slice(4).map((id) => assign(id, fp)));
      assert.equal(new Set(byFp.map((c) => c.key)).size, 1);
      const rows = await phishingDb(t.store.db)
        .selectFrom('phishing_campaigns')
        .select(['key', 'report_count'])
        .where('key', 'in', [byMid[0]?.key ?? '', byFp[0]?.key ?? ''])
        .execute();
      assert.deepEqual(rows.map((r) => r.report_count).sort(), [4, 4]);
    });

    test('copies of one template join one campaign whatever their sender, subject and links', async () => {
      const site = `https://${dialect}.evil.example/r`;
      const first = await report();
      const a = await assign(
        first,
        {},
        letter('jane', `a-${dialect}.example`, 'unusual sign-in', [`${site}/8f3a9c2b77`]),
      );
      now += HOUR;
      const second = await report();
      const b = await assign(
        second,
        {},
        letter('bob', `b-${dialect}.example`, 'security alert', [`${site}/1c0ffee999`]),
      );
      assert.equal(b.key, a.key);
      assert.equal(await joinOf(first), 'first report of the campaign');
      assert.match(
        String(await joinOf(second)),
        /^joined: body [01]\.\d\d similar, same link skeletons, same display name$/,
      );
      const records = await reports.campaignRecords(a.key);
      assert.equal(records.length, 0, 'no analysis was stored for these bare reports');
      const other = await assign(await report(), {}, { ...OTHER_LETTER, sender: `${dialect}.example` });
      assert.notEqual(other.key, a.key, 'another letter is another campaign');
      now += 100 * HOUR;
      const late = await assign(
        await report(),
        {},
        letter('eve', `c-${dialect}.example`, 'unusual sign-in', []),
      );
      assert.notEqual(late.key, a.key, 'outside the window: a new campaign');
    });

    test('the report of a campaign carries why it joined into the record the incident is made from', async () => {
      const first = await report();
      await assign(first, { messageId: `<why-${dialect}@evil>` });
      const second = await report();
      const c = await assign(second, { messageId: `<why-${dialect}@evil>` });
      const record = {
        reportedAt: now,
        reporter: null,
        subject: 's',
        from: null,
        replyTo: [],
        returnPath: null,
        messageId: null,
        analysis: null,
      };
      for (const id of [first, second])
        await phishingDb(t.store.db)
          .updateTable('phishing_reports')
          .set({ analysis: JSON.stringify(record) })
          .where('id', '=', id)
          .execute();
      const records = await reports.campaignRecords(c.key);
      assert.deepEqual(
        records.map((r) => r.campaignJoin),
        ['first report of the campaign', 'joined: same original message (Message-ID)'],
      );
    });

    test('with several candidate campaigns, a report joins the one whose template it shares', async () => {
      const subject = `parcel notice ${dialect}`;
      // Same subject as the report to come, another letter: a candidate found by its subject key.
      const a = await assign(
        await report(),
        {},
        { ...OTHER_LETTER, subject, displayName: 'Customs', sender: `a-${dialect}.example`, urls: [] },
      );
      // Another subject, the same letter as the report to come: a candidate found by its body bands.
      const b = await assign(
        await report(),
        {},
        letter('ann', `b-${dialect}.example`, `sign-in ${dialect}`, []),
      );
      assert.notEqual(a.key, b.key);
      const c = await assign(
        await report(),
        {},
        { ...letter('bob', `c-${dialect}.example`, 'x', []), subject },
      );
      assert.equal(c.key, b.key);
    });

    test('concurrent first copies of one template agree on one campaign', async () => {
      const ids = await Promise.all(Array.from({ length: 6 }, () => report()));
      const names = ['ann', 'ben', 'cat', 'dan', 'eva', 'fay'];
      const joined = await Promise.all(
        ids.map((id, i) =>
          assign(id, {}, letter(names[i] as string, `race${i}-${dialect}.example`, `race ${i}`, [])),
        ),
      );
      assert.equal(new Set(joined.map((c) => c.key)).size, 1);
    });
  });
}
