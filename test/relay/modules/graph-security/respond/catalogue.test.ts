// The pure choice of respond actions: isolation state from machine actions, items per state,
// indicator plans per observable type, and no indicator actions for internal addresses.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ACTION_IDS,
  indicatorItems,
  indicatorPlan,
  isIsolated,
  machineItems,
} from '../../../../../src/relay/modules/graph-security/respond/catalogue.js';
import { isInternalIp } from '../../../../../src/relay/modules/graph-security/respond/observable-values.js';

const M = 'ab'.repeat(20);

describe('respond catalogue', () => {
  test('the newest isolate or release that did not fail decides the isolation state', () => {
    assert.equal(isIsolated([]), false);
    assert.equal(isIsolated([{ type: 'Isolate', status: 'Pending' }]), true);
    assert.equal(
      isIsolated([
        { type: 'RunAntiVirusScan', status: 'Succeeded' },
        { type: 'Unisolate', status: 'Failed' },
        { type: 'Isolate', status: 'Succeeded' },
      ]),
      true,
    );
    assert.equal(
      isIsolated([
        { type: 'Unisolate', status: 'Succeeded' },
        { type: 'Isolate', status: 'Succeeded' },
      ]),
      false,
    );
  });

  test('machine items name the machine only when a host name matched several', () => {
    const o = { type: 'hostname', value: 'ws-1' };
    const one = machineItems(o, { id: M, name: 'ws-1', isolated: false }, false);
    assert.deepEqual(
      one.map((i) => i.id),
      [ACTION_IDS.isolateFull, ACTION_IDS.isolateSelective, ACTION_IDS.scanQuick, ACTION_IDS.scanFull],
    );
    assert.equal(one[0]?.title, 'Isolate device (full)');
    assert.deepEqual(one[0]?.['query-params'], {
      observable_type: 'hostname',
      observable_value: 'ws-1',
      machine_id: M,
    });
    const many = machineItems(o, { id: M, name: 'ws-1', isolated: true }, true);
    assert.equal(many[0]?.id, ACTION_IDS.unisolate);
    assert.match(many[0]?.title ?? '', /ws-1 \(abababababab…\)$/);
  });

  test('block remediates files and blocks network indicators; alert is Audit with an alert', () => {
    assert.deepEqual(indicatorPlan(ACTION_IDS.indicatorBlock, 'sha1'), {
      action: 'BlockAndRemediate',
      severity: 'High',
      generateAlert: true,
    });
    assert.equal(indicatorPlan(ACTION_IDS.indicatorBlock, 'url').action, 'Block');
    assert.deepEqual(indicatorPlan(ACTION_IDS.indicatorAlert, 'domain'), {
      action: 'Audit',
      severity: 'Medium',
      generateAlert: true,
    });
    assert.equal(indicatorPlan(ACTION_IDS.indicatorAllow, 'ip').action, 'Allowed');
  });

  test('an existing indicator is offered for removal, one item each', () => {
    const o = { type: 'domain' as const, value: 'evil.example' };
    const items = indicatorItems(o, [
      { id: '7', action: 'Block' },
      { id: '9', action: null },
    ]);
    assert.deepEqual(
      items.map((i) => [i.id, i.title, i['query-params'].indicator_id]),
      [
        [ACTION_IDS.indicatorRemove, 'Remove indicator (Block)', '7'],
        [ACTION_IDS.indicatorRemove, 'Remove indicator', '9'],
      ],
    );
  });

  test('internal addresses are never offered as indicators', () => {
    for (const ip of [
      '10.1.2.3',
      '172.16.0.1',
      '192.168.0.1',
      '127.0.0.1',
      '169.254.1.1',
      '100.64.0.1',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
    ]) {
      assert.equal(isInternalIp(ip), true, ip);
    }
    for (const ip of ['203.0.113.9', '8.8.8.8', '172.32.0.1', '2001:db8::1'])
      assert.equal(isInternalIp(ip), false, ip);
    assert.deepEqual(indicatorItems({ type: 'ip', value: '10.0.0.1' }, []), []);
    assert.equal(indicatorItems({ type: 'ip', value: '198.51.100.1' }, []).length, 3);
  });
});
