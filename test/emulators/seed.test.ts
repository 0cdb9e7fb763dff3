// Behaviour of emulator seeding: seed directories, POST /_emulator/seed, reset, and startEmulators.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Agent } from 'undici';
import { startEntraGraphEmulator } from '../../emulators/microsoft/index.js';
import { startEmulators } from '../../emulators/index.js';
import { http, postForm } from './helpers.js';

describe('emulator seeding', () => {
  const tenantId = '7e57e57e-0000-4000-8000-00000000aaaa';
  const appId = '7e57e57e-0000-4000-8000-00000000bbbb';

  function seedDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'eg-seed-'));
    writeFileSync(
      join(dir, 'organization.json'),
      JSON.stringify({
        value: [
          {
            id: tenantId,
            displayName: 'Fabrikam',
            verifiedDomains: [{ name: 'fabrikam.example' }],
            city: 'Oslo',
          },
        ],
      }),
    );
    writeFileSync(
      join(dir, 'apps.json'),
      JSON.stringify([
        { tenantId, clientId: appId, secrets: ['seeded'], roles: { graph: ['Directory.Read.All'] } },
      ]),
    );
    writeFileSync(
      join(dir, 'users.json'),
      JSON.stringify([{ tenantId, displayName: 'Seeded One', userPrincipalName: 'one@fabrikam.example' }]),
    );
    writeFileSync(join(dir, 'synthetic.json'), JSON.stringify([{ tenantId, count: 3 }]));
    return dir;
  }

  test('a seed directory of Graph-shaped JSON files is loaded at start and again on reset', async () => {
    const em = await startEntraGraphEmulator({ seedDir: seedDir() });
    const agent = new Agent({ connect: { ca: em.caPem } });
    try {
      const tok = await postForm(agent, `${em.loginUrl}/fabrikam.example/oauth2/v2.0/token`, {
        grant_type: 'client_credentials',
        client_id: appId,
        client_secret: 'seeded',
        scope: 'https://graph.microsoft.com/.default',
      });
      assert.equal(tok.status, 200, tok.text);
      const auth = { authorization: `Bearer ${tok.body.access_token}` };
      const users = await http(agent, `${em.graphUrl}/v1.0/users`, { headers: auth });
      assert.equal(users.body.value.length, 4);
      const org = await http(agent, `${em.graphUrl}/v1.0/organization`, { headers: auth });
      assert.equal(org.body.value[0].city, 'Oslo');

      em.seedUsers([{ tenantId, displayName: 'Extra', userPrincipalName: 'extra@fabrikam.example' }]);
      const reset = await http(agent, `${em.graphUrl}/_emulator/reset`, { method: 'POST' });
      assert.equal(reset.status, 204);
      const after = await http(agent, `${em.graphUrl}/v1.0/users`, { headers: auth });
      assert.equal(after.body.value.length, 4);
    } finally {
      await agent.close();
      await em.close();
    }
  });

  test('POST /_emulator/seed loads inline data and a directory; bad seed answers 400', async () => {
    const em = await startEntraGraphEmulator();
    const agent = new Agent({ connect: { ca: em.caPem } });
    const post = (body: unknown) =>
      http(agent, `${em.loginUrl}/_emulator/seed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    try {
      assert.equal((await post({ dir: seedDir() })).status, 204);
      assert.equal((await post({ users: [{ tenantId, displayName: 'Inline' }] })).status, 204);
      const tok = await em.issueAccessToken({ tenantId, clientId: appId });
      const users = await http(agent, `${em.graphUrl}/v1.0/users?$top=999`, {
        headers: { authorization: `Bearer ${tok}` },
      });
      assert.equal(users.body.value.length, 5);
      const bad = await post({ tenants: [{ id: 'x' }] });
      assert.equal(bad.status, 400);
      assert.match(bad.body.message, /tenants\.0/);
      const missing = await post({ dir: '/nonexistent/dir/for/sure' });
      assert.equal(missing.status, 400);
      assert.match(missing.body.message, /does not exist/);
    } finally {
      await agent.close();
      await em.close();
    }
  });

  test('startEmulators starts the Entra/Graph emulator behind one CA', async () => {
    const emulators = await startEmulators();
    const agent = new Agent({ connect: { ca: emulators.caPem } });
    try {
      const res = await http(
        agent,
        `${emulators.entraGraph.loginUrl}/common/discovery/instance?api-version=1.1`,
      );
      assert.equal(res.status, 200);
      assert.equal(emulators.entraGraph.caPem, emulators.caPem);
    } finally {
      await agent.close();
      await emulators.close();
    }
  });

  test('a missing seed directory stops the emulator from starting', async () => {
    await assert.rejects(startEntraGraphEmulator({ seedDir: '/nonexistent/seed' }), /does not exist/);
  });
});
