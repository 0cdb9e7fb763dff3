// startEmulators() includes the Archer emulator behind the shared CA and closes it with the others.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent } from 'undici';
import { startEmulators } from '../../emulators/index.js';
import { DEFAULT_USER } from '../../emulators/archer/index.js';
import { http } from './helpers.js';

test('startEmulators starts Archer behind the shared CA', async () => {
  const emulators = await startEmulators({ archer: { virtualDirectory: '/rsaarcher' } });
  const agent = new Agent({ connect: { ca: emulators.caPem } });
  try {
    assert.match(emulators.archer.url, /^https:\/\/localhost:\d+\/rsaarcher$/);
    const res = await http(agent, `${emulators.archer.url}/platformapi/core/security/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        InstanceName: DEFAULT_USER.instanceName,
        Username: DEFAULT_USER.username,
        UserDomain: '',
        Password: DEFAULT_USER.password,
      }),
    });
    assert.equal(res.body.IsSuccessful, true);
  } finally {
    await agent.close();
    await emulators.close();
  }
});
