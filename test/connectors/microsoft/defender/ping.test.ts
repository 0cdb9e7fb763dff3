// DefenderClient.ping against the emulated Defender API: one machine read (GET /api/machines?$top=1,
// allowed by Machine.Read.All), a refused client secret, and an app without the permission.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { EntraGraphEmulator } from '../../../../emulators/index.js';
import { createDefenderClient, DefenderError } from '../../../../src/connectors/microsoft/defender/index.js';
import {
  createTokenProvider,
  forgetCachedApplications,
} from '../../../../src/connectors/microsoft/identity/index.js';
import { CLIENT_ID, SECRET, startEmulator, TENANT_ID, tenantFor } from '../helpers.js';

describe('defender client: ping', () => {
  /** A tenant whose app may manage indicators but not read machines. */
  const OTHER_TENANT = '33333333-0000-0000-0000-000000000001';
  let emu: EntraGraphEmulator;
  const tenant = (tenantId: string, clientSecret = SECRET) =>
    tenantFor(emu, {
      tenantId,
      clientSecret,
      defenderBaseUrl: emu.defenderUrl,
      defenderScope: 'https://api.securitycenter.microsoft.com/.default',
    });
  const clientFor = (t: ReturnType<typeof tenant>) => createDefenderClient(t, createTokenProvider(t));

  before(async () => {
    emu = await startEmulator();
    const allow = (tenantId: string, roles: string[]) =>
      emu.registerApp({ tenantId, clientId: CLIENT_ID, secrets: [SECRET], roles: { defender: roles } });
    allow(TENANT_ID, ['Machine.Read.All']);
    allow(OTHER_TENANT, ['Ti.ReadWrite.All']);
  });
  after(async () => {
    await forgetCachedApplications();
    await emu.close();
  });

  test('reads at most one machine with Machine.Read.All', async () => {
    const client = clientFor(tenant(TENANT_ID));
    emu.clearRequests();
    await client.ping();
    const calls = emu.requests().filter((r) => r.host === 'defender');
    assert.deepEqual(
      calls.map((r) => [r.method, r.path, r.query, r.status]),
      [['GET', '/api/machines', { $top: '1' }, 200]],
    );
    await client.close();
  });

  test('a refused client secret fails the ping before any Defender call', async () => {
    const client = clientFor(tenant(TENANT_ID, 'not-the-secret-0123456789~xyz'));
    emu.clearRequests();
    await assert.rejects(client.ping(), { code: 'GSOC_IDENTITY_CREDENTIALS_REJECTED' });
    assert.equal(emu.requests().filter((r) => r.host === 'defender').length, 0);
    await client.close();
  });

  test('an app without Machine.Read.All fails the ping with GSOC_DEFENDER_AUTH_REJECTED', async () => {
    const client = clientFor(tenant(OTHER_TENANT));
    await assert.rejects(client.ping(), (e: unknown) => {
      assert.ok(e instanceof DefenderError);
      assert.equal(e.status, 403);
      assert.equal(e.code, 'GSOC_DEFENDER_AUTH_REJECTED');
      return true;
    });
    await client.close();
  });
});
