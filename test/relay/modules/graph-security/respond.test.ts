// /respond/observables and /respond/trigger over real HTTP against the Defender for Endpoint
// emulator: actions offered by state, every action run and checked in the emulator, refused input,
// missing permissions, throttling with Retry-After and a pending machine action.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  ACTION_IDS,
  COMMENT,
  UNSUPPORTED_ACTION,
} from '../../../../src/relay/modules/graph-security/respond/index.js';
import type { RelayAnswer } from '../../helpers.js';
import { type GraphSecurityHarness, startGraphSecurityRelay } from './harness.js';

const MACHINE = '5f1c7a9e0b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e';
const ISOLATED = '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';
const HOST = 'ws-042.contoso.local';
const SHA256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const DOMAIN = 'evil.example';

type Item = { id: string; 'query-params': Record<string, string> };
const items = (res: RelayAnswer) => res.data as Item[];
const ids = (res: RelayAnswer) => items(res).map((i) => i.id);

describe('Graph Security respond', () => {
  let h: GraphSecurityHarness;
  before(async () => {
    h = await startGraphSecurityRelay();
  });
  after(() => h.close());
  beforeEach(() => {
    const eg = h.emulators.entraGraph;
    eg.clearFaults();
    eg.setDefenderRateLimit({ perMinute: 100, perHour: 1500 });
    eg.setDefenderActionCompletionMs(0);
    eg.seedDefender(h.tenantId, {
      machines: [
        { id: MACHINE, computerDnsName: HOST },
        { id: ISOLATED, computerDnsName: 'ws-043.contoso.local' },
      ],
      machineActions: [
        {
          id: 'seed-isolate',
          type: 'Isolate',
          status: 'Succeeded',
          machineId: ISOLATED,
          creationDateTimeUtc: '2026-01-01T00:00:00Z',
        },
      ],
    });
  });

  const trigger = (actionId: string, type: string, value: string, extra: Record<string, string> = {}) =>
    h.post('/respond/trigger', {
      'action-id': actionId,
      observable_type: type,
      observable_value: value,
      ...extra,
    });
  const defenderCalls = () => h.emulators.entraGraph.requests().filter((r) => r.host === 'defender');

  test('a machine that is not isolated is offered isolation and scans; an isolated one release', async () => {
    const res = await h.post('/respond/observables', [
      { type: 'ms_machine_id', value: MACHINE },
      { type: 'ms_machine_id', value: ISOLATED },
    ]);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.deepEqual(ids(res), [
      ACTION_IDS.isolateFull,
      ACTION_IDS.isolateSelective,
      ACTION_IDS.scanQuick,
      ACTION_IDS.scanFull,
      ACTION_IDS.unisolate,
      ACTION_IDS.scanQuick,
      ACTION_IDS.scanFull,
    ]);
    const first = items(res)[0];
    assert.deepEqual(first?.['query-params'], {
      observable_type: 'ms_machine_id',
      observable_value: MACHINE,
      machine_id: MACHINE,
    });
  });

  test('a host name is resolved to its machine; an unknown one or a machine id Defender lacks has no actions', async () => {
    const res = await h.post('/respond/observables', [
      { type: 'hostname', value: HOST },
      { type: 'hostname', value: 'nobody.contoso.local' },
      { type: 'ms_machine_id', value: 'f'.repeat(40) },
    ]);
    assert.equal(res.errors, undefined);
    assert.equal(items(res).length, 4);
    assert.equal(items(res)[0]?.['query-params'].machine_id, MACHINE);
  });

  test('an indicator value is offered alert, block and allow; once present, removal', async () => {
    const before = await h.post('/respond/observables', [{ type: 'sha256', value: SHA256 }]);
    assert.deepEqual(ids(before), [
      ACTION_IDS.indicatorAlert,
      ACTION_IDS.indicatorBlock,
      ACTION_IDS.indicatorAllow,
    ]);
    assert.equal((await trigger(ACTION_IDS.indicatorBlock, 'sha256', SHA256)).errors, undefined);
    const afterwards = await h.post('/respond/observables', [{ type: 'sha256', value: SHA256 }]);
    assert.deepEqual(ids(afterwards), [ACTION_IDS.indicatorRemove]);
    const params = items(afterwards)[0]?.['query-params'] ?? {};
    const removed = await trigger(ACTION_IDS.indicatorRemove, 'sha256', SHA256, {
      indicator_id: params.indicator_id ?? '',
    });
    assert.deepEqual(removed, { data: { status: 'success' } });
    assert.deepEqual(h.emulators.entraGraph.defenderData(h.tenantId).indicators, []);
  });

  test('internal addresses get no indicator actions and no upstream call', async () => {
    h.emulators.entraGraph.clearRequests();
    const res = await h.post('/respond/observables', [
      { type: 'ip', value: '10.0.0.8' },
      { type: 'ipv6', value: 'fe80::1' },
    ]);
    assert.deepEqual(res.data, []);
    assert.deepEqual(defenderCalls(), []);
  });

  test('each machine action runs and is recorded with the comment and the observable', async () => {
    const cases: Array<[string, string, string]> = [
      [ACTION_IDS.isolateFull, 'Isolate', 'IsolationType'],
      [ACTION_IDS.unisolate, 'Unisolate', ''],
      [ACTION_IDS.isolateSelective, 'Isolate', 'IsolationType'],
      [ACTION_IDS.unisolate, 'Unisolate', ''],
      [ACTION_IDS.scanQuick, 'RunAntiVirusScan', ''],
    ];
    for (const [actionId, type] of cases) {
      const res = await trigger(actionId, 'ms_machine_id', MACHINE);
      assert.deepEqual(res, { data: { status: 'success' } }, actionId);
      const last = h.emulators.entraGraph.defenderData(h.tenantId).machineActions.at(-1);
      assert.equal(last?.type, type);
      assert.equal(last?.machineId, MACHINE);
      assert.equal(last?.requestorComment, `${COMMENT} (ms_machine_id ${MACHINE})`);
    }
    const scan = await trigger(ACTION_IDS.scanFull, 'hostname', HOST, { machine_id: MACHINE });
    assert.deepEqual(scan, { data: { status: 'success' } });
    const last = h.emulators.entraGraph.defenderData(h.tenantId).machineActions.at(-1);
    assert.equal(last?.requestorComment, `${COMMENT} (hostname ${HOST})`);
  });

  test('each indicator action sends the documented Defender action', async () => {
    const cases: Array<[string, string, string, string, string]> = [
      [ACTION_IDS.indicatorAlert, 'domain', DOMAIN, 'DomainName', 'Audit'],
      [ACTION_IDS.indicatorBlock, 'url', 'https://evil.example/a?b=c&d#e', 'Url', 'Block'],
      [ACTION_IDS.indicatorAllow, 'ip', '203.0.113.7', 'IpAddress', 'Allowed'],
      [ACTION_IDS.indicatorBlock, 'md5', 'd41d8cd98f00b204e9800998ecf8427e', 'FileMd5', 'BlockAndRemediate'],
    ];
    for (const [actionId, type, value, indicatorType, action] of cases) {
      assert.deepEqual(
        await trigger(actionId, type, value),
        { data: { status: 'success' } },
        `${actionId} ${type}`,
      );
      const stored = h.emulators.entraGraph
        .defenderData(h.tenantId)
        .indicators.find((i) => i.indicatorValue === value);
      assert.equal(stored?.indicatorType, indicatorType);
      assert.equal(stored?.action, action);
      assert.match(String(stored?.description), new RegExp(`^${COMMENT}`));
      // relay.graphSecurity.indicatorDays (90 by default) sets the expiry.
      const days = (Date.parse(String(stored?.expirationTime)) - Date.now()) / 86_400_000;
      assert.ok(days > 89.9 && days <= 90, `expires in ${days} days`);
    }
  });

  test('an unknown action id fails with the unsupported-action message', async () => {
    const res = await trigger('graph-security-format-disk', 'ms_machine_id', MACHINE);
    assert.deepEqual(res, {
      data: { status: 'failure' },
      errors: [{ code: 'invalid request', message: UNSUPPORTED_ACTION, type: 'fatal' }],
    });
  });

  test('hostile values are refused before any call to Defender', async () => {
    h.emulators.entraGraph.clearRequests();
    const cases: Array<[string, string, string, Record<string, string>?]> = [
      [ACTION_IDS.isolateFull, 'ms_machine_id', '../../indicators'],
      [ACTION_IDS.isolateFull, 'ms_machine_id', `${MACHINE.slice(0, 39)}'`],
      [ACTION_IDS.scanQuick, 'hostname', "ws' or computerDnsName eq 'x", { machine_id: MACHINE }],
      [ACTION_IDS.scanQuick, 'hostname', HOST, { machine_id: '..' }],
      [ACTION_IDS.scanQuick, 'hostname', HOST],
      [ACTION_IDS.isolateFull, 'ms_machine_id', MACHINE, { machine_id: ISOLATED }],
      [ACTION_IDS.indicatorBlock, 'sha256', `${SHA256.slice(0, 60)}&x=1`],
      [ACTION_IDS.indicatorBlock, 'domain', 'evil.example#frag'],
      [ACTION_IDS.indicatorBlock, 'url', 'javascript:alert(1)'],
      [ACTION_IDS.indicatorBlock, 'ip', '192.168.1.10'],
      [ACTION_IDS.indicatorBlock, 'ms_machine_id', MACHINE],
      [ACTION_IDS.isolateFull, 'sha256', SHA256],
      [ACTION_IDS.indicatorRemove, 'sha256', SHA256, { indicator_id: '1/../../machines' }],
    ];
    for (const [actionId, type, value, extra] of cases) {
      const res = await trigger(actionId, type, value, extra);
      assert.deepEqual(res.data, { status: 'failure' }, `${actionId} ${value}`);
      assert.equal(res.errors?.[0]?.code, 'invalid request', `${actionId} ${value}`);
    }
    assert.deepEqual(defenderCalls(), []);
  });

  test('a host name that no longer matches the machine is refused', async () => {
    const res = await trigger(ACTION_IDS.isolateFull, 'hostname', 'other.contoso.local', {
      machine_id: MACHINE,
    });
    assert.deepEqual(res.data, { status: 'failure' });
    assert.match(res.errors?.[0]?.message ?? '', /does not have this host name/);
  });

  test('a pending action of the same type is a clear failure', async () => {
    h.emulators.entraGraph.setDefenderActionCompletionMs(60_000);
    assert.deepEqual(await trigger(ACTION_IDS.scanQuick, 'ms_machine_id', MACHINE), {
      data: { status: 'success' },
    });
    const res = await trigger(ACTION_IDS.scanFull, 'ms_machine_id', MACHINE);
    assert.deepEqual(res.data, { status: 'failure' });
    assert.equal(res.errors?.[0]?.code, 'invalid request');
    assert.match(res.errors?.[0]?.message ?? '', /already running this action.*ActiveRequestAlreadyExists/);
  });

  test('a 429 is retried after its Retry-After', async () => {
    h.emulators.entraGraph.clearRequests();
    h.emulators.entraGraph.addFault({
      listener: 'defender',
      method: 'POST',
      path: `/api/machines/${MACHINE}/runAntiVirusScan`,
      status: 429,
      retryAfterSec: 1,
      times: 1,
    });
    const res = await trigger(ACTION_IDS.scanQuick, 'ms_machine_id', MACHINE);
    assert.deepEqual(res, { data: { status: 'success' } });
    const posts = defenderCalls().filter((r) => r.method === 'POST');
    assert.deepEqual(
      posts.map((r) => r.status),
      [429, 201],
    );
    const gap = Date.parse(posts[1]?.time ?? '') - Date.parse(posts[0]?.time ?? '');
    assert.ok(gap >= 900, `waited ${gap} ms`);
  });

  test("Defender's own call limit becomes a too-many-requests failure when its wait passes the deadline", async () => {
    h.emulators.entraGraph.setDefenderRateLimit({ perMinute: 1, perHour: 1500 });
    await trigger(ACTION_IDS.indicatorAlert, 'domain', 'one.example');
    const res = await trigger(ACTION_IDS.indicatorAlert, 'domain', 'two.example');
    assert.deepEqual(res.data, { status: 'failure' });
    assert.equal(res.errors?.[0]?.code, 'too many requests');
  });
});

describe('Graph Security respond without Defender permissions', () => {
  let h: GraphSecurityHarness;
  before(async () => {
    h = await startGraphSecurityRelay({}, { defenderRoles: ['Machine.Read.All'] });
    h.emulators.entraGraph.seedDefender(h.tenantId, { machines: [{ id: MACHINE, computerDnsName: HOST }] });
  });
  after(() => h.close());

  test('a 403 from Defender is a permission-denied failure naming the role, not a 500', async () => {
    const res = await h.post('/respond/trigger', {
      'action-id': ACTION_IDS.isolateFull,
      observable_type: 'ms_machine_id',
      observable_value: MACHINE,
    });
    assert.deepEqual(res.data, { status: 'failure' });
    assert.equal(res.errors?.[0]?.code, 'permission denied');
    assert.match(res.errors?.[0]?.message ?? '', /Machine\.Isolate/);
  });

  test('respond/observables without Ti.Read permission answers the error', async () => {
    const res = await h.post('/respond/observables', [{ type: 'domain', value: DOMAIN }]);
    assert.equal(res.data, undefined);
    assert.equal(res.errors?.[0]?.code, 'permission denied');
  });
});
