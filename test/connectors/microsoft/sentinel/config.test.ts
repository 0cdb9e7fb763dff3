// The Sentinel connection keys: defaults per API, the workspace ID as a GUID, the reserved source
// name refused, unknown keys refused; and the 429 wait read from Sentinel's message.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  secondsFromMessage,
  sentinelConnection,
  sentinelConnectionSchema,
} from '../../../../src/connectors/microsoft/sentinel/index.js';
import { assertLinear } from '../../../helpers/linear-time.js';

const WS = '7D0C3B1A-2E4F-4A5B-9C6D-1E2F3A4B5C6D';

describe('sentinel connection config', () => {
  test('defaults to the STIX objects API on its public host, the legacy API to its own', () => {
    const c = sentinelConnection(sentinelConnectionSchema.parse({ workspaceId: WS }));
    assert.deepEqual(c, {
      api: 'stix-objects',
      uploadBaseUrl: 'https://api.ti.sentinel.azure.com',
      workspaceId: WS.toLowerCase(),
      sourceSystem: 'graphsoc',
    });
    const legacy = sentinelConnection(
      sentinelConnectionSchema.parse({ workspaceId: WS, api: 'upload-indicators' }),
    );
    assert.equal(legacy.uploadBaseUrl, 'https://sentinelus.azure-api.net');
    const gov = sentinelConnectionSchema.parse({
      workspaceId: WS,
      uploadBaseUrl: 'https://api.ti.sentinel.azure.us/',
    });
    assert.equal(sentinelConnection(gov).uploadBaseUrl, 'https://api.ti.sentinel.azure.us');
  });

  test('refuses a workspace name, the reserved source name, http and unknown keys', () => {
    for (const bad of [
      { workspaceId: 'soc-workspace' },
      { workspaceId: WS, sourceSystem: ' Microsoft Sentinel ' },
      { workspaceId: WS, sourceSystem: '' },
      { workspaceId: WS, uploadBaseUrl: 'http://api.ti.sentinel.azure.com' },
      { workspaceId: WS, api: 'graph' },
      { workspaceId: WS, workspaceName: 'x' },
    ])
      assert.equal(sentinelConnectionSchema.safeParse(bad).success, false, JSON.stringify(bad));
  });
});

describe('the 429 wait in the message', () => {
  test('reads the seconds from the documented message and nothing else', () => {
    assert.equal(secondsFromMessage('Rate limit is exceeded. Try again in 23 seconds.'), 23);
    assert.equal(secondsFromMessage('rate limit is exceeded. try again in 0 seconds.'), 0);
    assert.equal(secondsFromMessage('Rate limit is exceeded. Try again in seconds.'), undefined);
    assert.equal(secondsFromMessage('Rate limit is exceeded.'), undefined);
    assert.equal(secondsFromMessage('Try again in 99999999999 seconds.'), 999_999);
    assert.equal(secondsFromMessage(''), undefined);
  });

  test('takes time linear in a hostile message', async () => {
    await assertLinear('secondsFromMessage', secondsFromMessage, [
      'Try again in ',
      'try again in 1',
      'T',
      ' ',
    ]);
  });
});
