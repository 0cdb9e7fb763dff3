// Release and re-analyse from the console: what each does to the report, the refusals, and that an
// operator racing another operator or a worker changes a report once (nothing lost, nothing doubled).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CampaignStore, ReportStore } from '../../../src/phishing/store/index.js';
import { phishingDb } from '../../../src/phishing/store/tables.js';
import { DIALECTS, openTestDatabase } from '../../helpers/databases.js';
import { action, consoleOver, NOW, request } from './harness.js';
import { analysisJson } from './records.js';

for (const dialect of DIALECTS)
  describe(`phishing console actions (${dialect})`, () => {
    async function setup() {
      const t = await openTestDatabase(dialect);
      const reports = new ReportStore(t.store.db, () => NOW);
      const campaigns = new CampaignStore(t.store.db, () => NOW);
      const { report } = await reports.seen({
        mailbox: 'phish@contoso.com',
        messageId: 'm1',
        receivedAt: NOW,
      });
      await reports.advance(report.id, 'fetched', { mime: new Uint8Array([1, 2]) });
      await campaigns.join(
        'c1',
        report.id,
        NOW,
        'first report of the campaign',
        analysisJson({ level: 'malicious' }),
      );
      await reports.advance(report.id, 'analysed');
      for (let i = 0; i < 20; i++) await reports.fail(report.id, 'Archer refused it');
      return { t, reports, campaigns, id: report.id, section: consoleOver(t.store) };
    }

    test('release sends a quarantined report back; a second release is refused with 409', async () => {
      const { t, reports, id, section } = await setup();
      try {
        const release = action(section, '/phishing/reports/:id/release');
        assert.equal(release.needs, 'report.release');
        assert.equal(release.audit, 'phishing.report.release');
        const r = await release.run(request({ params: { id: String(id) } }));
        assert.equal(r.target, `report:${id}`);
        assert.equal((await reports.get(id))?.state, 'pending');
        assert.equal((await reports.get(id))?.step, 'analysed', 'from the step it reached');
        await assert.rejects(release.run(request({ params: { id: String(id) } })), {
          code: 'GSOC_PHISHING_CONSOLE_NOT_QUARANTINED',
          httpStatus: 409,
        });
        await assert.rejects(release.run(request({ params: { id: '424242' } })), { httpStatus: 404 });
      } finally {
        await t.cleanup();
      }
    });

    test('re-analyse queues a quarantined report back to the analysis with its MIME; refusals say why', async () => {
      const { t, reports, id, section } = await setup();
      try {
        const reanalyse = action(section, '/phishing/reports/:id/reanalyse');
        assert.equal(reanalyse.audit, 'phishing.report.reanalyse');
        await reanalyse.run(request({ params: { id: String(id) } }));
        const row = await reports.get(id);
        assert.equal(row?.state, 'pending');
        assert.equal(row?.step, 'fetched');
        assert.equal(row?.attempts, 0);
        assert.equal(row?.campaign_key, 'c1', 'it stays in its campaign');
        await assert.rejects(reanalyse.run(request({ params: { id: String(id) } })), {
          code: 'GSOC_PHISHING_CONSOLE_IN_FLIGHT',
          httpStatus: 409,
        });
        await reports.finish(id);
        await assert.rejects(reanalyse.run(request({ params: { id: String(id) } })), {
          code: 'GSOC_PHISHING_CONSOLE_MIME_GONE',
        });
      } finally {
        await t.cleanup();
      }
    });

    test('of operators racing on one report (re-analyse twice, release), exactly one wins', async () => {
      const { t, reports, id, section } = await setup();
      try {
        const req = request({ params: { id: String(id) } });
        const outcomes = await Promise.allSettled([
          action(section, '/phishing/reports/:id/reanalyse').run(req),
          action(section, '/phishing/reports/:id/reanalyse').run(req),
          action(section, '/phishing/reports/:id/release').run(req),
        ]);
        assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
        assert.equal((await reports.get(id))?.state, 'pending');
      } finally {
        await t.cleanup();
      }
    });

    test('a re-analysis racing a worker: the campaign keeps its count, its version grows once per analysis, IOCs are replaced', async () => {
      const { t, reports, campaigns, id } = await setup();
      try {
        assert.equal(await reports.reanalyse(id), 'queued');
        // The worker's analysis lands while a second operator tries again: the report is pending, so
        // the operator is refused and the worker's write is the only one.
        const [written, second] = await Promise.all([
          campaigns.reanalysed('c1', id, analysisJson({ level: 'clean', urls: ['http://other.example/'] })),
          reports.reanalyse(id),
        ]);
        assert.equal(written, true);
        assert.equal(second, 'in-flight');
        const c = await campaigns.get('c1');
        assert.equal(c?.report_count, 1, 'not counted again');
        assert.equal(c?.version, 2, 'Archer gets the new analysis as an update of the same record');
        assert.equal(c?.verdict, 'clean', 'the campaign verdict follows the new analysis');
        const iocs = await phishingDb(t.store.db)
          .selectFrom('phishing_report_iocs')
          .select(['kind', 'value'])
          .where('report_id', '=', id)
          .execute();
        assert.ok(iocs.some((x) => x.value === 'http://other.example/'));
        assert.ok(!iocs.some((x) => x.value === 'http://evil.example/login'), 'the old IOCs are gone');
        // A report no longer pending is not written to.
        for (let i = 0; i < 20; i++) await reports.fail(id, 'again');
        assert.equal(await campaigns.reanalysed('c1', id, analysisJson({})), false);
      } finally {
        await t.cleanup();
      }
    });
  });
