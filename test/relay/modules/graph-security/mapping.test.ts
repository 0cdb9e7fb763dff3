import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setCtimChecks, sighting, sightingSchema } from '../../../../src/relay/ctim/index.js';
import { sightingFromAlertV2 } from '../../../../src/relay/modules/graph-security/mapping/alert-v2.js';
import { sightingsOf } from '../../../../src/relay/modules/graph-security/mapping/each-alert.js';
import { sightingFromLegacyAlert } from '../../../../src/relay/modules/graph-security/mapping/legacy-alert.js';
import { alertV2Schema, legacyAlertSchema } from '../../../../src/relay/modules/graph-security/schemas.js';

// Shaped like the example of https://learn.microsoft.com/graph/api/security-list-alerts_v2
const alertV2 = () =>
  alertV2Schema.parse({
    id: 'da637551227677560813_-961444813',
    incidentId: '28282',
    title: 'Suspicious execution of hidden file',
    description: 'A hidden file has been launched.',
    severity: 'medium',
    status: 'new',
    serviceSource: 'microsoftDefenderForEndpoint',
    detectionSource: 'antivirus',
    alertWebUrl: 'https://security.microsoft.com/alerts/da637551227677560813_-961444813?tid=t',
    incidentWebUrl: 'https://security.microsoft.com/incidents/28282?tid=t',
    createdDateTime: '2021-04-27T12:19:27.7211305Z',
    lastUpdateDateTime: '2021-05-02T14:19:01.3266667Z',
    firstActivityDateTime: '2021-04-26T07:45:50.116Z',
    lastActivityDateTime: '2021-05-02T07:56:58.222Z',
    evidence: [
      {
        '@odata.type': '#microsoft.graph.security.deviceEvidence',
        verdict: 'unknown',
        remediationStatus: 'none',
        deviceDnsName: 'tempDns',
        mdeDeviceId: '73e7e2de709dff64ef64b1d0c30e67fab63279db',
        osPlatform: 'Windows10',
        version: '20H2',
        ipInterfaces: ['1.1.1.1', 'fe80::1'],
      },
      {
        '@odata.type': '#microsoft.graph.security.fileEvidence',
        verdict: 'malicious',
        remediationStatus: 'remediated',
        fileDetails: {
          sha1: '5f1e8acedc065031aad553b710838eb366cfee9a',
          sha256: '8963a19fb992ad9a76576c5638fd68292cffb9aaac29eb8285f9abf6196a7dec',
          fileName: 'MsSense.exe',
          filePath: 'C:\\Program Files\\temp',
        },
      },
      {
        '@odata.type': '#microsoft.graph.security.somethingNewEvidence',
        verdict: 'weird',
        extra: { deep: true },
      },
    ],
  });

describe('alerts_v2 → sighting', () => {
  test('maps the documented example to a valid CTIM sighting', () => {
    const s = sightingFromAlertV2(alertV2(), [
      { type: 'sha256', value: '8963a19fb992ad9a76576c5638fd68292cffb9aaac29eb8285f9abf6196a7dec' },
    ]);
    sightingSchema.parse(s);
    assert.match(s.id, /^transient:sighting-/);
    assert.equal(s.severity, 'Medium');
    assert.equal(s.confidence, 'High', 'a malicious evidence verdict');
    assert.equal(s.resolution, 'contained', 'remediated evidence');
    assert.equal(s.sensor, 'endpoint');
    assert.equal(s.source_uri, 'https://security.microsoft.com/alerts/da637551227677560813_-961444813?tid=t');
    assert.deepEqual(s.observed_time, {
      start_time: '2021-04-26T07:45:50.116Z',
      end_time: '2021-05-02T07:56:58.222Z',
    });
    assert.deepEqual(s.external_ids, ['da637551227677560813_-961444813', '28282']);
    assert.deepEqual(s.targets?.[0]?.observables, [
      { type: 'hostname', value: 'tempDns' },
      { type: 'ms_machine_id', value: '73e7e2de709dff64ef64b1d0c30e67fab63279db' },
      { type: 'ip', value: '1.1.1.1' },
      { type: 'ipv6', value: 'fe80::1' },
    ]);
    assert.equal(s.targets?.[0]?.os, 'Windows10 20H2');
    assert.deepEqual(
      s.relations?.map((r) => [r.relation, r.source.type, r.related.type]),
      [
        ['File_Name_Of', 'file_name', 'sha256'],
        ['File_Path_Of', 'file_path', 'sha256'],
      ],
    );
  });

  test('unknown severities, missing times and odd evidence never fail the answer', () => {
    const a = alertV2Schema.parse({
      id: 'x',
      severity: 'catastrophic',
      firstActivityDateTime: null,
      createdDateTime: '0001-01-01T00:00:00Z',
      lastActivityDateTime: 'not a date',
      serviceSource: 'microsoftDefenderForOffice365',
      evidence: [{ '@odata.type': '#microsoft.graph.security.urlEvidence', url: 'http://a' }],
    });
    const s = sightingFromAlertV2(a, []);
    sightingSchema.parse(s);
    assert.equal(s.severity, 'Unknown');
    assert.equal(s.confidence, 'Unknown');
    assert.equal(s.resolution, 'detected');
    assert.equal(s.sensor, 'process.email-service');
    assert.equal(s.title, 'Microsoft Defender alert');
  });

  for (const bad of [
    'javascript:alert(1)',
    'not a url',
    `https://x.example/${'a'.repeat(3000)}`,
    'file:///etc/passwd',
  ]) {
    test(`a web URL Graph should not send is left out: ${bad.slice(0, 30)}`, () => {
      const s = sightingFromAlertV2({ ...alertV2(), alertWebUrl: bad, incidentWebUrl: bad }, []);
      sightingSchema.parse(s);
      assert.equal(s.source_uri, undefined);
      assert.deepEqual(
        s.external_references?.map((r) => r.url),
        [undefined],
        'the alert reference stays, without a link; the incident one needs its link',
      );
    });
  }

  test('an alert whose sighting fails validation is left out with a warning, the others stay', () => {
    setCtimChecks(true);
    const warnings: string[] = [];
    const good = { alert: alertV2(), matched: [] };
    const bad = { alert: { ...alertV2(), id: 'bad', title: 'x' }, matched: [] };
    const out = sightingsOf(
      [good, bad, good],
      (a, m) =>
        a.id === 'bad'
          ? sighting({ ...sightingFromAlertV2(a, m), tlp: 'purple' as 'red' })
          : sightingFromAlertV2(a, m),
      (_code, message) => warnings.push(message),
    );
    assert.equal(out.length, 2);
    assert.match(warnings[0] ?? '', /^Alert bad could not be shown: /);
  });

  test("Graph's seven fractional digits are kept, not cut to milliseconds", () => {
    const s = sightingFromAlertV2(
      {
        ...alertV2(),
        firstActivityDateTime: '2026-03-02T09:00:00.1234567Z',
        lastActivityDateTime: '2026-03-02T09:05:00.7654321Z',
        lastUpdateDateTime: '2026-03-02T09:10:00.0000001Z',
      },
      [],
    );
    sightingSchema.parse(s);
    assert.deepEqual(s.observed_time, {
      start_time: '2026-03-02T09:00:00.1234567Z',
      end_time: '2026-03-02T09:05:00.7654321Z',
    });
    assert.equal(s.timestamp, '2026-03-02T09:10:00.0000001Z');
  });

  for (const [given, expected] of [
    ['2026-03-02T11:00:00.1234567+02:00', '2026-03-02T09:00:00.1234567Z'],
    ['2026-03-02T09:00:00.1234567z', '2026-03-02T09:00:00.1234567Z'],
    ['2026-03-02T09:00:00.1234Z', '2026-03-02T09:00:00.1234Z'],
    ['2026-03-02T09:00:00.1Z', '2026-03-02T09:00:00.100Z'],
    ['2026-03-02T09:00:00Z', '2026-03-02T09:00:00.000Z'],
    ['2026-03-02T09:00:00.123456789012Z', '2026-03-02T09:00:00.123456789Z'],
    ['2026-03-02T23:59:59.9999999-00:30', '2026-03-03T00:29:59.9999999Z'],
  ] as const) {
    test(`a start time of ${given} is answered as ${expected}`, () => {
      const s = sightingFromAlertV2({ ...alertV2(), firstActivityDateTime: given }, []);
      sightingSchema.parse(s);
      assert.equal(s.observed_time.start_time, expected);
    });
  }

  test('an end within the same millisecond as the start is compared by its further digits', () => {
    const at = (first: string, last: string) =>
      sightingFromAlertV2({ ...alertV2(), firstActivityDateTime: first, lastActivityDateTime: last }, [])
        .observed_time;
    assert.deepEqual(at('2026-03-02T09:00:00.1234567Z', '2026-03-02T09:00:00.1234568Z'), {
      start_time: '2026-03-02T09:00:00.1234567Z',
      end_time: '2026-03-02T09:00:00.1234568Z',
    });
    assert.deepEqual(
      at('2026-03-02T09:00:00.1234567Z', '2026-03-02T09:00:00.123Z'),
      { start_time: '2026-03-02T09:00:00.1234567Z' },
      'an end before the start is left out',
    );
  });

  test("a very long description is cut to CTIM's 5000 characters", () => {
    const a = alertV2Schema.parse({
      id: 'y',
      description: 'x'.repeat(20_000),
      createdDateTime: '2026-01-01T00:00:00Z',
    });
    const s = sightingFromAlertV2(a, []);
    assert.equal(s.description?.length, 5000);
  });
});

describe('legacy alert → sighting', () => {
  const legacy = () =>
    legacyAlertSchema.parse({
      id: 'A1',
      title: 'Malware',
      severity: 'high',
      confidence: 80,
      eventDateTime: '2020-01-01T10:00:00Z',
      sourceMaterials: ['https://securitycenter.windows.com/alert/A1', 'javascript:alert(1)'],
      vendorInformation: { provider: 'Palo Alto Networks', subProvider: 'NGFW' },
      hostStates: [{ netBiosName: 'WS1', privateIpAddress: '10.0.0.5', fqdn: 'ws1.contoso.com' }],
      fileStates: [
        { name: 'evil.exe', path: 'C:\\t', fileHash: { hashType: 'sha1', hashValue: 'a'.repeat(40) } },
        { name: 'noh.exe', fileHash: null },
      ],
      networkConnections: [{ destinationDomain: 'bad.example', sourceAddress: '10.0.0.5' }],
    });

  test("maps the seed's fields, fixing its hash-type bug and keeping only web links", () => {
    const s = sightingFromLegacyAlert(legacy(), [{ type: 'domain', value: 'bad.example' }]);
    sightingSchema.parse(s);
    assert.equal(s.confidence, 'High');
    assert.equal(s.severity, 'High');
    assert.equal(s.sensor, 'network.firewall');
    assert.deepEqual(s.external_references, [
      { source_name: 'Palo Alto Networks', url: 'https://securitycenter.windows.com/alert/A1' },
    ]);
    assert.deepEqual(
      s.relations?.map((r) => [r.relation, r.related.type]),
      [
        ['Connected_To', 'domain'],
        ['File_Name_Of', 'sha1'],
        ['File_Path_Of', 'sha1'],
      ],
    );
    assert.deepEqual(
      s.targets?.[0]?.observables.map((o) => o.type),
      ['ip', 'hostname', 'domain'],
    );
  });

  test("the event time keeps Graph's seven fractional digits", () => {
    const s = sightingFromLegacyAlert({ ...legacy(), eventDateTime: '2026-03-02T09:00:00.1234567Z' }, []);
    sightingSchema.parse(s);
    assert.deepEqual(s.observed_time, {
      start_time: '2026-03-02T09:00:00.1234567Z',
      end_time: '2026-03-02T09:00:00.1234567Z',
    });
  });

  test('an unknown severity is Unknown (the seed answered a 500)', () => {
    const s = sightingFromLegacyAlert(
      legacyAlertSchema.parse({ id: 'B', severity: 'sev-9', eventDateTime: '2020-01-01T00:00:00Z' }),
      [],
    );
    assert.equal(s.severity, 'Unknown');
    assert.equal(s.confidence, 'Unknown');
  });
});
