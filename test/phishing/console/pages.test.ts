// The phishing console's pages over both dialects, with rows written the way the pipeline writes them
// (ReportStore.seen, then CampaignStore.join with the analysis): the campaign list and its keyset
// paging, the search by each kind, a campaign's reports, a report, the quarantine, the overview.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Block, Cell, ConsolePage, ConsoleSection } from '../../../src/platform/feature/console.js';
import { CampaignStore, ReportStore } from '../../../src/phishing/store/index.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';
import { consoleOver, NOW, page, request } from './harness.js';
import { analysisJson, HOSTILE_SUBJECT, RLO } from './records.js';

const HOUR = 3_600_000;
const table = (p: ConsolePage, id: string) => {
  const b = p.blocks.find((x) => x.id === id);
  assert.ok(b && b.kind === 'table', `no table ${id}`);
  return b as Extract<Block, { kind: 'table' }>;
};
const text = (c: Cell | undefined): string =>
  c === undefined ? '' : typeof c === 'string' ? c : 'list' in c ? c.list.map(text).join(' | ') : c.text;

for (const dialect of DIALECTS)
  describe(`phishing console pages (${dialect})`, () => {
    let t: TestDatabase;
    let section: ConsoleSection;
    let reports: ReportStore;
    const ids: number[] = [];

    before(async () => {
      t = await openTestDatabase(dialect);
      reports = new ReportStore(t.store.db, () => NOW);
      const campaigns = new CampaignStore(t.store.db, () => NOW);
      // c-hostile: two reports, the second worse; c-plain: one clean; 60 more for paging.
      const add = async (n: number, key: string, at: number, analysis: string) => {
        const { report } = await reports.seen({
          mailbox: 'phish@contoso.com',
          messageId: `m${n}`,
          receivedAt: at,
        });
        await campaigns.join(
          key,
          report.id,
          at,
          n === 1 ? 'first report of the campaign' : 'joined: same original message (Message-ID)',
          analysis,
        );
        ids.push(report.id);
        return report.id;
      };
      await add(
        1,
        'c-hostile',
        NOW - 5 * HOUR,
        analysisJson({ subject: HOSTILE_SUBJECT, level: 'suspicious', reporter: `bob${RLO}@contoso.com` }),
      );
      await add(
        2,
        'c-hostile',
        NOW - 2 * HOUR,
        analysisJson({
          subject: HOSTILE_SUBJECT,
          level: 'malicious',
          sha256: 'C'.repeat(64),
          reasons: ['Links to evil.example. and <b>x</b>'],
        }),
      );
      await add(
        3,
        'c-plain',
        NOW - 30 * HOUR,
        analysisJson({
          subject: 'Quarterly report',
          from: 'ceo@fabrikam.example',
          level: 'clean',
          urls: ['https://fabrikam.example/q3'],
          messageId: '<q3@fabrikam.example>',
        }),
      );
      for (let n = 0; n < 60; n++)
        await add(
          10 + n,
          `c-bulk-${String(n).padStart(2, '0')}`,
          NOW - (100 + n) * HOUR,
          analysisJson({ subject: `Bulk ${n}`, messageId: `<b${n}@x.example>` }),
        );
      // One quarantined with its MIME, one without.
      await reports.advance(ids[2] as number, 'analysed', { mime: new Uint8Array([1]) });
      for (const id of [ids[2], ids[3]] as number[])
        for (let i = 0; i < 20; i++) await reports.fail(id, 'Archer refused <b>it</b>');
      section = consoleOver(t.store);
    });
    after(() => t.cleanup());

    test('lists campaigns newest first with their verdict, size and Archer state, and pages by keyset', async () => {
      const p = await page(section, '/phishing').render(request());
      const list = table(p, 'phishing-campaigns');
      assert.equal(list.rows.length, 50);
      assert.deepEqual(
        list.rows.slice(0, 2).map((r) => r.key),
        ['c-hostile', 'c-plain'],
      );
      const first = list.rows[0];
      assert.equal(text(first?.cells[0]), HOSTILE_SUBJECT, 'the subject is kept as data, cut only when long');
      assert.equal(text(first?.cells[1]), '2');
      assert.deepEqual(
        first?.cells[2],
        { text: 'malicious', tone: 'bad' },
        'the campaign has its worst verdict',
      );
      assert.equal(text(first?.cells[5]), 'not filed yet');
      assert.ok(list.next, 'a next page');
      const before = new URL(list.next, 'https://x').searchParams.get('before') as string;
      const p2 = await page(section, '/phishing').render(request({ query: { before } }));
      const rest = table(p2, 'phishing-campaigns');
      assert.equal(rest.rows.length, 12);
      assert.equal(rest.next, undefined);
      const all = [...list.rows, ...rest.rows].map((r) => r.key);
      assert.equal(new Set(all).size, 62, 'no campaign twice, none left out');
    });

    test('refuses a malformed page cursor with a 400', async () => {
      await assert.rejects(page(section, '/phishing').render(request({ query: { before: 'x' } })), {
        code: 'GSOC_PHISHING_CONSOLE_BAD_REQUEST',
        httpStatus: 400,
      });
    });

    for (const [what, q, expect] of [
      ['a subject prefix, any case', 'quarterly REP', 'c-plain'],
      ['a sender prefix', 'ceo@fabrik', 'c-plain'],
      ['a defanged URL', 'hxxps://fabrikam[.]example/q3', 'c-plain'],
      ['a domain', 'FABRIKAM.example', 'c-plain'],
      ['an attachment hash', 'c'.repeat(64), 'c-hostile'],
      ['a Message-ID without brackets', 'q3@fabrikam.example', 'c-plain'],
      ['a hostile subject', '<script>', 'c-hostile'],
    ] as const)
      test(`finds reports by ${what}`, async () => {
        const p = await page(section, '/phishing').render(request({ query: { q } }));
        const found = table(p, 'phishing-search-results');
        assert.ok(found.rows.length > 0, `nothing found for ${q}`);
        assert.ok(
          found.rows.every((r) => text(r.cells[5]) === expect),
          JSON.stringify(found.rows.map((r) => text(r.cells[5]))),
        );
      });

    test('a search that matches nothing says so', async () => {
      const p = await page(section, '/phishing').render(
        request({ query: { q: 'hxxp://nothing[.]example' } }),
      );
      assert.equal(table(p, 'phishing-search-results').rows.length, 0);
    });

    test("shows a campaign's reports with reasons, defanged IOCs and why each joined", async () => {
      const p = await page(section, '/phishing/campaigns/:key').render(
        request({ params: { key: 'c-hostile' } }),
      );
      const rows = table(p, 'phishing-campaign-reports').rows;
      assert.equal(rows.length, 2);
      assert.equal(text(rows[0]?.cells[1]), `bob${RLO}@contoso.com`);
      assert.equal(text(rows[1]?.cells[3]), 'malicious');
      assert.match(text(rows[1]?.cells[4]), /evil\[\.\]example\. and <b>x<\/b>/);
      assert.match(text(rows[1]?.cells[5]), /hxxp:\/\/evil\[\.\]example\/login/);
      assert.doesNotMatch(text(rows[1]?.cells[5]), /http:\/\//, 'no live link among the IOCs');
      assert.equal(text(rows[1]?.cells[6]), 'joined: same original message (Message-ID)');
    });

    test('a missing campaign or report is a typed 404', async () => {
      await assert.rejects(
        page(section, '/phishing/campaigns/:key').render(request({ params: { key: 'nope' } })),
        {
          code: 'GSOC_PHISHING_CONSOLE_NOT_FOUND',
          httpStatus: 404,
        },
      );
      await assert.rejects(
        page(section, '/phishing/reports/:id').render(request({ params: { id: '999999' } })),
        {
          httpStatus: 404,
        },
      );
      await assert.rejects(
        page(section, '/phishing/reports/:id').render(request({ params: { id: '1 or 1=1' } })),
        {
          httpStatus: 400,
        },
      );
    });

    test('shows one report in full, in German too, with the actions that apply', async () => {
      const id = String(ids[2]);
      const p = await page(section, '/phishing/reports/:id').render(
        request({ params: { id }, locale: 'de' }),
      );
      assert.equal(p.title, `Meldung ${id}`);
      const actions = p.blocks.find((b) => b.kind === 'actions');
      assert.ok(actions && actions.kind === 'actions');
      assert.deepEqual(
        actions.buttons.map((b) => b.needs),
        ['report.release', 'report.reanalyse'],
      );
      const noMime = await page(section, '/phishing/reports/:id').render(
        request({ params: { id: String(ids[3]) } }),
      );
      const only = noMime.blocks.find((b) => b.kind === 'actions');
      assert.ok(only && only.kind === 'actions');
      assert.deepEqual(
        only.buttons.map((b) => b.needs),
        ['report.release'],
        'no re-analyse without the message',
      );
    });

    test('lists the quarantine with its buttons', async () => {
      const p = await page(section, '/phishing/quarantine').render(request());
      const rows = table(p, 'phishing-quarantine').rows;
      assert.deepEqual(rows.map((r) => Number(r.key)).sort(), [ids[2], ids[3]].sort());
    });

    test('the overview names the quarantine and charts reports by verdict', async () => {
      const o = await section.overview?.(request());
      assert.ok(o);
      assert.match(o.attention[0]?.text ?? '', /^2 quarantined/);
      const hourly = o.charts.find((c) => c.id === 'phishing-reports-hourly');
      const total = (hourly?.chart.series ?? []).reduce((n, s) => n + s.values.reduce((a, b) => a + b, 0), 0);
      assert.equal(total, 3, 'three reports in the last 48 hours');
      const mal = hourly?.chart.series.find((s) => s.tone === 'bad');
      assert.equal(mal?.values[45], 1, 'the malicious one two hours ago');
      const opened = o.charts.find((c) => c.id === 'phishing-campaigns-daily');
      assert.equal(
        opened?.chart.series[0]?.values.reduce((a, b) => a + b, 0),
        62,
      );
    });

    test('the mailboxes page shows a mailbox without subscription or rounds yet', async () => {
      const p = await page(section, '/phishing/mailboxes').render(request());
      const rows = table(p, 'phishing-mailboxes').rows;
      assert.equal(rows.length, 1);
      assert.equal(text(rows[0]?.cells[1]), 'none (polled only)');
    });
  });
