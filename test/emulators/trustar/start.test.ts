// startEmulators() starts TruSTAR beside the others, behind the shared CA, with the default credential.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Agent } from 'undici';
import { DEFAULT_TRUSTAR_CREDENTIAL, startEmulators } from '../../../emulators/index.js';
import { http } from '../helpers.js';

test('startEmulators starts the TruSTAR emulator behind the shared CA', async () => {
  const emulators = await startEmulators({ trustar: { corpusSize: 10 } });
  const agent = new Agent({ connect: { ca: emulators.caPem } });
  try {
    const { apiKey, apiSecret } = DEFAULT_TRUSTAR_CREDENTIAL;
    const res = await http(agent, `${emulators.trustar.url}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    assert.equal(res.status, 200);
    assert.equal(emulators.trustar.enclaveIds.length, 4);
  } finally {
    await agent.close();
    await emulators.close();
  }
});
