// The emulated Defender for Endpoint indicator APIs over real HTTPS: submit or update, list by value,
// delete, validation errors as the API words them, and the roles each call needs.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { defender, defenderToken, lit } from './defender-helpers.js';
import { TENANT, type TestEmulator, startTestEmulator } from './helpers.js';

const SHA256 = 'e'.repeat(64);
const base = { title: 't', description: 'd', severity: 'High' };

describe('Defender emulator indicators', () => {
  let t: TestEmulator;
  let token: string;
  before(async () => {
    t = await startTestEmulator();
    token = await defenderToken(t, ['Ti.ReadWrite.All']);
  });
  after(() => t.close());
  beforeEach(() => {
    t.em.reset();
    t.em.addTenant({ id: TENANT, displayName: 'Contoso' });
  });

  test('submit, find by value, submit again updates the same indicator, delete answers 204', async () => {
    const body = { ...base, indicatorValue: SHA256, indicatorType: 'FileSha256', action: 'Alert' };
    const created = await defender(t, token, '/api/indicators', { method: 'POST', body });
    assert.equal(created.status, 200, created.text);
    const updated = await defender(t, token, '/api/indicators', {
      method: 'POST',
      body: { ...body, action: 'BlockAndRemediate' },
    });
    assert.equal(updated.body.id, created.body.id);
    const found = await defender(t, token, `/api/indicators?$filter=indicatorValue eq ${lit(SHA256)}`);
    assert.equal(found.body.value.length, 1);
    assert.equal(found.body.value[0].action, 'BlockAndRemediate');
    const del = await defender(t, token, `/api/indicators/${created.body.id}`, { method: 'DELETE' });
    assert.equal(del.status, 204);
    assert.equal(
      (await defender(t, token, `/api/indicators/${created.body.id}`, { method: 'DELETE' })).status,
      404,
    );
  });

  test('values that do not fit their type are 400 InvalidRequestBody', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['FileSha256', 'abc', /FileSha256/],
      ['IpAddress', '10.1.2.3', /external IP/],
      ['IpAddress', '203.0.113.0/24', /CIDR/],
      ['DomainName', "evil'.example", /DomainName/],
      ['Url', 'javascript:alert(1)', /Url/],
    ];
    for (const [indicatorType, indicatorValue, message] of cases) {
      const res = await defender(t, token, '/api/indicators', {
        method: 'POST',
        body: { ...base, indicatorType, indicatorValue, action: 'Alert' },
      });
      assert.equal(res.status, 400, `${indicatorType} ${indicatorValue}`);
      assert.equal(res.body.error.code, 'InvalidRequestBody');
      assert.match(res.body.error.message, message);
    }
    const audit = await defender(t, token, '/api/indicators', {
      method: 'POST',
      body: { ...base, indicatorType: 'DomainName', indicatorValue: 'evil.example', action: 'Audit' },
    });
    assert.match(audit.body.error.message, /generateAlert/);
  });

  test('reading needs Ti.Read.All or more; writing needs Ti.ReadWrite(.All)', async () => {
    const reader = await defenderToken(t, ['Ti.Read.All']);
    assert.equal((await defender(t, reader, '/api/indicators')).status, 200);
    const res = await defender(t, reader, '/api/indicators', {
      method: 'POST',
      body: { ...base, indicatorValue: 'evil.example', indicatorType: 'DomainName', action: 'Alert' },
    });
    assert.equal(res.status, 403);
    assert.match(res.body.error.message, /Ti\.ReadWrite/);
  });
});
