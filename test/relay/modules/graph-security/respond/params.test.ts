// Trigger params → plans: known action ids only, observable types that fit the action, strict
// value shapes per type, and machine_id / indicator_id checked like the observable itself.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ACTION_IDS } from '../../../../../src/relay/modules/graph-security/respond/catalogue.js';
import {
  planTrigger,
  UNSUPPORTED_ACTION,
} from '../../../../../src/relay/modules/graph-security/respond/params.js';
import { RelayError } from '../../../../../src/relay/protocol/relay-error.js';

const M = '0123456789abcdef0123456789abcdef01234567';
const p = (id: string, type: string, value: string, extra: Record<string, string> = {}) =>
  planTrigger({ 'action-id': id, observable_type: type, observable_value: value, ...extra });

function refused(fn: () => unknown, message: RegExp): void {
  assert.throws(
    fn,
    (e) => e instanceof RelayError && e.relayCode === 'invalid request' && message.test(e.message),
  );
}

describe('respond trigger params', () => {
  test('machine actions take a machine id, upper case folded', () => {
    assert.deepEqual(p(ACTION_IDS.isolateSelective, 'ms_machine_id', M.toUpperCase()), {
      kind: 'isolate',
      isolationType: 'Selective',
      machineId: M,
    });
    assert.deepEqual(p(ACTION_IDS.scanFull, 'hostname', 'WS-1.Contoso.local', { machine_id: M }), {
      kind: 'scan',
      scanType: 'Full',
      machineId: M,
      hostname: 'ws-1.contoso.local',
    });
  });

  test('indicator actions map the observable type to the Defender indicator', () => {
    const plan = p(ACTION_IDS.indicatorBlock, 'ipv6', '2001:DB8::1');
    assert.equal(plan.kind, 'indicator-add');
    assert.equal(plan.kind === 'indicator-add' && plan.value, '2001:db8::1');
    assert.deepEqual(p(ACTION_IDS.indicatorRemove, 'url', 'https://evil.example/x', { indicator_id: '42' }), {
      kind: 'indicator-remove',
      type: 'url',
      value: 'https://evil.example/x',
      indicatorId: '42',
    });
  });

  test('unknown action ids are unsupported', () => {
    refused(
      () => p('graph-security-reboot', 'ms_machine_id', M),
      new RegExp(UNSUPPORTED_ACTION.replaceAll('.', '\\.')),
    );
    refused(() => p('__proto__', 'ms_machine_id', M), /Unsupported action/);
  });

  test('hostile and misplaced values are refused', () => {
    refused(() => p(ACTION_IDS.unisolate, 'ms_machine_id', '../../api/indicators'), /machine id/);
    refused(() => p(ACTION_IDS.unisolate, 'hostname', "a' or 1 eq 1", { machine_id: M }), /host name/);
    refused(() => p(ACTION_IDS.unisolate, 'hostname', 'ws-1'), /machine_id is required/);
    refused(
      () => p(ACTION_IDS.unisolate, 'ms_machine_id', M, { machine_id: 'f'.repeat(40) }),
      /does not match/,
    );
    refused(() => p(ACTION_IDS.indicatorAlert, 'domain', 'a.example/#x'), /domain/);
    refused(() => p(ACTION_IDS.indicatorAlert, 'url', 'https://a.example/ x'), /URL/);
    refused(() => p(ACTION_IDS.indicatorAlert, 'ip', '10.0.0.1'), /internal/);
    refused(() => p(ACTION_IDS.indicatorAlert, 'sha1', 'zz'.repeat(20)), /hex/);
    refused(() => p(ACTION_IDS.indicatorAlert, 'hostname', 'ws-1'), /does not apply/);
    refused(
      () => p(ACTION_IDS.indicatorRemove, 'md5', 'a'.repeat(32), { indicator_id: '../1' }),
      /indicator id/,
    );
    refused(
      () =>
        planTrigger({
          'action-id': ACTION_IDS.scanQuick,
          observable_type: 'hostname',
          observable_value: 'ws-1',
          machine_id: 5,
        } as never),
      /must be a string/,
    );
  });
});
