// A report joins its campaign with its analysis in one transaction: whoever reads a campaign's
// version and then its reports (the instance writing the Archer record) sees every report the version
// counts. Before, the key came first and the analysis a step later, and a record written in between
// left the report out while claiming its version (seen once in CI as "a report lost from the record").
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReportRecord } from '../../../src/phishing/cases/report-record.js';
import { CampaignStore, ReportStore } from '../../../src/phishing/store/index.js';
import { DIALECTS, openTestDatabase } from '../../helpers/databases.js';

const record = (n: number): ReportRecord => ({
  reportedAt: Date.UTC(2026, 2, 2, 9, n),
  reporter: `user${n}@contoso.com`,
  subject: 'Your account is locked',
  from: 'security@paypa1.example',
  replyTo: [],
  returnPath: null,
  messageId: '<phish-1@paypa1.example>',
  analysis: null,
});

for (const dialect of DIALECTS)
  describe(`joining a campaign with the analysis (${dialect})`, () => {
    test('every report the campaign version counts is in the campaign records read after it', async () => {
      const t = await openTestDatabase(dialect);
      try {
        const reports = new ReportStore(t.store.db);
        const campaigns = new CampaignStore(t.store.db);
        for (const n of [1, 2, 3]) {
          const { report } = await reports.seen({ mailbox: 'phish@x', messageId: `m${n}`, receivedAt: n });
          await campaigns.join('c1', report.id, n, 'joined', JSON.stringify(record(n)));
          // What syncCase does: the version first, then the records.
          const version = (await campaigns.get('c1'))?.version;
          const records = await reports.campaignRecords('c1');
          assert.equal(records.length, version, `version ${version} counts ${records.length} records`);
        }
      } finally {
        await t.cleanup();
      }
    });
  });
