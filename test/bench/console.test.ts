// The console's bench, run small on both dialects so it keeps working as the console changes: every
// page answers 200 with its server time, and the result has the shape bench:console prints. No
// timing is asserted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureConsole, TARGET_P95_MS } from '../../bench/console-measure.js';
import { nextLink, percentile, serverMs } from '../../bench/console-pages.js';
import { DIALECTS, PG_BASE_URL } from '../helpers/databases.js';

const PAGES = [
  'overview',
  'platform',
  'audit',
  'campaigns',
  'campaigns page 2',
  'search subject prefix',
  'search sender',
  'search ioc',
  'search message-id',
  'campaign biggest',
  'campaign singleton',
  'report',
  'quarantine',
  'mailboxes',
  'relay',
  'intel',
];

for (const dialect of DIALECTS) {
  test(`${dialect}: every console page answers and is timed on a small seeded database`, async () => {
    const r = await measureConsole({
      // More campaigns than one page of the list, so its second page exists.
      campaigns: 60,
      reports: 300,
      requests: 3,
      warmup: 1,
      ...(dialect === 'postgres' ? { postgresUrl: PG_BASE_URL } : {}),
    });
    assert.equal(r.bench, 'console');
    assert.equal(r.dialect, dialect);
    assert.equal(r.campaigns, 60);
    assert.equal(r.reports, 300);
    assert.deepEqual(Object.keys(r.pages), PAGES);
    for (const [name, p] of Object.entries(r.pages)) {
      assert.ok(p.p50 >= 0 && p.p50 <= p.p95 && p.p95 <= p.max, `${name}: ${JSON.stringify(p)}`);
    }
    assert.equal(r.worstP95, Math.max(...Object.values(r.pages).map((p) => p.p95)));
    assert.equal(r.target, TARGET_P95_MS);
    assert.equal(r.met, r.worstP95 <= TARGET_P95_MS);
  });
}

test('the server time is read from the app metric of Server-Timing', () => {
  assert.equal(serverMs('app;dur=12.5'), 12.5);
  assert.equal(serverMs('db;dur=3, app;desc="x";dur=7'), 7);
  assert.equal(serverMs('db;dur=3'), undefined);
  assert.equal(serverMs(null), undefined);
});

test('the next page is the rel="next" link, its entities undone', () => {
  const html = '<p class="pager"><a href="/phishing?before=1&amp;x=2" rel="next">Next</a></p>';
  assert.equal(nextLink(html), '/phishing?before=1&x=2');
  assert.equal(nextLink('<p>no pager</p>'), undefined);
});

test('percentiles are nearest-rank', () => {
  const xs = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(xs, 50), 50);
  assert.equal(percentile(xs, 95), 95);
  assert.equal(percentile(xs, 100), 100);
  assert.equal(percentile([4], 95), 4);
});
