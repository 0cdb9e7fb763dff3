// Behaviour of the emulated POST /security/runHuntingQuery over real HTTPS: the KQL subset evaluated against
// AlertInfo/AlertEvidence derived from seeded alerts, Timespan, limits, hostile input and throttling.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_HUNTING_THROTTLE } from '../../emulators/graph-security/store.js';
import { HASH_A, HASH_OLD, securityFixtures, TRICKY_NAME, TRICKY_URL } from './graph-security-fixtures.js';
import { CLIENT, graph, type Json, startTestEmulator, TENANT, type TestEmulator } from './helpers.js';

describe('Graph emulator runHuntingQuery', () => {
  let t: TestEmulator;
  let token: string;

  before(async () => {
    t = await startTestEmulator({}, ['ThreatHunting.Read.All']);
    t.em.seedSecurity(TENANT, securityFixtures(TENANT));
    t.em.setHuntingThrottle({ capacity: 10_000, refillPerSec: 1000 });
    token = await t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT });
  });
  after(async () => t.close());

  const hunt = (Query: unknown, extra: Record<string, unknown> = {}) =>
    graph(t, token, '/v1.0/security/runHuntingQuery', { method: 'POST', body: { Query, ...extra } });
  async function rows(query: string, extra: Record<string, unknown> = {}): Promise<Json[]> {
    const res = await hunt(query, extra);
    assert.equal(res.status, 200, `${query}\n${res.text}`);
    return res.body.results;
  }
  async function rejects(query: unknown, re: RegExp): Promise<Json> {
    const res = await hunt(query);
    assert.equal(res.status, 400, `${String(query).slice(0, 80)}\n${res.text}`);
    assert.equal(res.body.error.code, 'BadRequest');
    assert.match(res.body.error.message, re);
    return res.body.error;
  }

  test('answers huntingQueryResults with schema names and types and Graph-shaped rows', async () => {
    const res = await hunt(
      'AlertInfo | project Timestamp, AlertId, Severity | order by Timestamp desc | take 2',
    );
    assert.equal(res.status, 200, res.text);
    assert.match(res.body['@odata.context'], /\$metadata#microsoft\.graph\.security\.huntingQueryResults$/);
    assert.deepEqual(res.body.schema, [
      { name: 'Timestamp', type: 'DateTime' },
      { name: 'AlertId', type: 'String' },
      { name: 'Severity', type: 'String' },
    ]);
    assert.deepEqual(
      res.body.results.map((r: Json) => [r.AlertId, r.Severity]),
      [
        ['da001', 'High'],
        ['da002', 'Medium'],
      ],
    );
    assert.match(res.body.results[0].Timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  test('AlertEvidence has one row per evidence item, mapped from each evidence type', async () => {
    const all = await rows('AlertEvidence | project AlertId, EntityType, EvidenceRole, EvidenceDirection');
    assert.equal(all.length, 10);
    const by = async (type: string) => (await rows(`AlertEvidence | where EntityType == "${type}"`))[0];
    const file = await by('File');
    assert.equal(file.FileName, TRICKY_NAME);
    assert.equal(file.FolderPath, 'C:\\Temp');
    assert.equal(file.SHA256, HASH_A);
    assert.equal('MD5' in file, false, 'AlertEvidence has no MD5 column (Azure Monitor table reference)');
    assert.equal(file.DeviceId, 'dev1');
    assert.equal(file.ThreatFamily, 'Mimikatz');
    assert.equal(file.Title, 'Suspicious PowerShell command line');
    assert.equal(file.ServiceSource, 'Microsoft Defender for Endpoint');
    const proc = await by('Process');
    assert.equal(proc.ProcessCommandLine, 'powershell.exe -enc SQBFAFgA');
    assert.equal(proc.AccountUpn, 'alice@contoso.com');
    assert.equal(proc.FileName, 'powershell.exe');
    const machine = await by('Machine');
    assert.deepEqual(
      [machine.DeviceName, machine.LocalIP, machine.EvidenceRole],
      ['ws-001.contoso.local', '10.0.0.5', 'Impacted'],
    );
    assert.equal((await by('User')).AccountObjectId, 'aad-alice');
    assert.equal((await by('Url')).RemoteUrl, TRICKY_URL);
    const ip = await by('Ip');
    assert.deepEqual(
      [ip.RemoteIP, ip.EvidenceDirection, ip.EvidenceRole],
      ['203.0.113.9', 'Source', 'Related'],
    );
    assert.deepEqual(JSON.parse(ip.AdditionalFields), { CountryCode: 'NL', Verdict: 'malicious' });
    const mail = await by('MailMessage');
    assert.deepEqual([mail.NetworkMessageId, mail.EmailSubject], ['nm-1', 'Invoice overdue']);
    assert.equal((await by('Mailbox')).AccountUpn, 'bob@contoso.com');
    assert.equal(file.FileSize, 4096);
    assert.equal(ip.FileName, '');
    assert.equal(ip.FileSize, null);
  });

  test('the default Timespan is 30 days; Timespan widens or moves the window', async () => {
    assert.deepEqual(await rows(`AlertEvidence | where SHA256 == "${HASH_OLD}"`), []);
    assert.equal(
      (await rows(`AlertEvidence | where SHA256 == "${HASH_OLD}"`, { Timespan: 'P90D' })).length,
      1,
    );
    const start = new Date(Date.now() - 45 * 86_400_000).toISOString();
    const end = new Date(Date.now() - 5 * 86_400_000).toISOString();
    const ids = (r: Json[]) => r.map((x) => x.AlertId).sort();
    assert.deepEqual(ids(await rows('AlertInfo', { Timespan: `${start}/${end}` })), ['da003', 'da004']);
    assert.deepEqual(ids(await rows('AlertInfo', { Timespan: `P2D/${new Date().toISOString()}` })), [
      'da001',
    ]);
    assert.deepEqual(ids(await rows('AlertInfo', { Timespan: start })), ['da001', 'da002', 'da003', 'da004']);
    const bad = await hunt('AlertInfo', { Timespan: 'last week' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /Invalid Timespan/);
  });

  test('the relay IOC queries find the right alerts', async () => {
    const sha = await rows(
      `AlertEvidence | where SHA256 =~ "${HASH_A.toUpperCase()}" | summarize arg_max(Timestamp, *) by AlertId | join kind=inner (AlertInfo | summarize arg_max(Timestamp, *) by AlertId) on AlertId | top 100 by Timestamp desc`,
    );
    assert.deepEqual(
      sha.map((r) => [r.AlertId, r.AlertId1, r.Title1]),
      [['da001', 'da001', 'Suspicious PowerShell command line']],
    );
    const ip = await rows(
      'AlertEvidence | where RemoteIP == "203.0.113.9" or LocalIP == "203.0.113.9" or tostring(AdditionalFields) has "203.0.113.9" | distinct AlertId',
    );
    assert.deepEqual(ip, [{ AlertId: 'da002' }]);
    assert.deepEqual(await rows('AlertEvidence | where RemoteUrl has "evil.example" | distinct AlertId'), [
      { AlertId: 'da002' },
    ]);
    assert.deepEqual(
      await rows(
        'AlertEvidence | where DeviceName =~ "WS-001" or DeviceName startswith "ws-001." | distinct AlertId',
      ),
      [{ AlertId: 'da001' }],
    );
    const quoted = `AlertEvidence | where FileName =~ "${TRICKY_NAME.replace(/"/g, '\\"')}" | project AlertId`;
    assert.deepEqual(await rows(quoted), [{ AlertId: 'da001' }]);
    const verbatim = `AlertEvidence | where strcat(FolderPath, @"\\", FileName) =~ @"C:\\Temp\\${TRICKY_NAME}" | project AlertId`;
    assert.deepEqual(await rows(verbatim), [{ AlertId: 'da001' }]);
    const single = "AlertEvidence | where FileName == 'O\\'Brien & Co #1.exe' | count";
    assert.deepEqual(await rows(single), [{ Count: 1 }]);
  });

  test('lets, summarize, joins and ordering evaluate over the derived tables', async () => {
    const lets = await rows(
      'let users = dynamic(["alice", "CAROL"]); AlertEvidence | where AccountName in~ (users) | summarize Alerts = dcount(AlertId), Types = make_set(EntityType) by AccountName | order by AccountName asc',
    );
    assert.deepEqual(
      lets.map((r) => [r.AccountName, r.Alerts]),
      [
        ['alice', 1],
        ['carol', 1],
      ],
    );
    assert.deepEqual(JSON.parse(lets[0].Types).sort(), ['Process', 'User']);
    const counts = await rows(
      'AlertEvidence | summarize count() by AlertId | order by count_ desc, AlertId asc',
    );
    assert.deepEqual(counts, [
      { AlertId: 'da001', count_: 4 },
      { AlertId: 'da002', count_: 4 },
      { AlertId: 'da003', count_: 2 },
    ]);
    const outer = await rows(
      'AlertInfo | join kind=leftouter (AlertEvidence | where EntityType == "File") on AlertId | project AlertId, FileName | order by AlertId asc',
    );
    // Kusto strings are never null: unmatched leftouter string columns come back empty.
    assert.deepEqual(
      outer.map((r) => r.FileName),
      [TRICKY_NAME, '', ''],
    );
    const range = await rows('AlertInfo | summarize First = min(Timestamp), Last = max(Timestamp)');
    assert.ok(Date.parse(range[0].First) < Date.parse(range[0].Last));
    assert.deepEqual(
      await rows(
        'AlertInfo | where Severity in ("High", "Low") and Title has_any ("travel", "nothing") | project AlertId',
      ),
      [{ AlertId: 'da003' }],
    );
    assert.deepEqual(
      await rows(
        'AlertInfo | where Timestamp between (ago(5d) .. now()) | extend Sev = tolower(Severity) | project-away Timestamp, Title | take 1 | project Sev',
      ),
      [{ Sev: 'high' }],
    );
  });

  test('hostile queries answer 400 BadRequest with a position, never 500', async () => {
    const e = await rejects('AlertInfo | where Title == "unterminated', /^Syntax error: .*on line \[1,28\]/);
    assert.ok(e.innerError['request-id']);
    await rejects(
      'DeviceProcessEvents | take 1',
      /Failed to resolve table or column expression named 'DeviceProcessEvents'/,
    );
    await rejects(
      'AlertInfo | where NoSuchColumn == 1',
      /Failed to resolve scalar expression named 'NoSuchColumn'.*line \[1,19\]/,
    );
    await rejects('AlertInfo | invoke evil()', /could not be parsed at 'invoke'/);
    await rejects('AlertInfo; .drop table AlertInfo', /could not be parsed/);
    await rejects('AlertInfo | where Title == "\\q"', /could not be parsed/);
    await rejects('AlertInfo | take 1 | ', /could not be parsed/);
    await rejects(`AlertInfo | where Title == "${'x'.repeat(9980)}"`, /limit is 10000 characters/);
    await rejects(`AlertInfo | where ${'('.repeat(3000)}true${')'.repeat(3000)}`, /nesting deeper than 100/);
    await rejects(`AlertInfo | where Title in (dynamic(${'['.repeat(500)}${']'.repeat(500)}))`, /nesting/);
    await rejects(`AlertInfo | where Severity == ${'-'.repeat(5000)}1`, /nesting/);
    await rejects('', /'Query' is required/);
    await rejects(42, /'Query' is required/);
    const exact = 'AlertInfo | take 1'.padEnd(10_000, ' ');
    assert.equal((await hunt(exact)).status, 200);
    const notJson = await graph(t, token, '/v1.0/security/runHuntingQuery', {
      method: 'POST',
      body: undefined,
      headers: { 'content-type': 'application/json' },
    });
    assert.ok(notJson.status === 400, notJson.text);
  });

  test('the 46th call in a minute answers 429 TooManyRequests with Retry-After, also inside $batch', async () => {
    t.em.setHuntingThrottle(DEFAULT_HUNTING_THROTTLE);
    try {
      for (let i = 0; i < 45; i++)
        assert.equal((await hunt('AlertInfo | count')).status, 200, `call ${i + 1}`);
      const res = await hunt('AlertInfo | count');
      assert.equal(res.status, 429);
      assert.equal(res.body.error.code, 'TooManyRequests');
      assert.ok(Number(res.headers['retry-after']) >= 1);
      const batch = await graph(t, token, '/v1.0/$batch', {
        method: 'POST',
        body: {
          requests: [
            { id: 'h', method: 'POST', url: '/security/runHuntingQuery', body: { Query: 'AlertInfo' } },
          ],
        },
      });
      assert.equal(batch.body.responses[0].status, 429);
      assert.ok(batch.body.responses[0].headers['Retry-After']);
    } finally {
      t.em.setHuntingThrottle({ capacity: 10_000, refillPerSec: 1000 });
    }
  });
});

describe('Graph emulator runHuntingQuery at scale', () => {
  test('results stop at 100,000 rows like the service', async () => {
    const t = await startTestEmulator({}, ['ThreatHunting.Read.All']);
    try {
      const now = Date.now();
      const alertsV2 = Array.from({ length: 100_001 }, (_, i) => ({
        id: `a${i}`,
        title: 'Bulk',
        severity: 'low',
        createdDateTime: new Date(now - (i % 1000) * 60_000).toISOString(),
      }));
      t.em.seedSecurity(TENANT, { alertsV2 });
      const token = await t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT });
      const res = await graph(t, token, '/v1.0/security/runHuntingQuery', {
        method: 'POST',
        body: { Query: 'AlertInfo | project AlertId' },
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.results.length, 100_000);
      const count = await graph(t, token, '/v1.0/security/runHuntingQuery', {
        method: 'POST',
        body: { Query: 'AlertInfo | count' },
      });
      assert.deepEqual(count.body.results, [{ Count: 100_001 }]);
    } finally {
      await t.close();
    }
  });
});
