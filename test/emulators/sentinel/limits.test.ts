// The emulated upload APIs' request limit and faults: 100 requests a minute per caller (compressed by
// timeScale) answered 429 with the documented body and no Retry-After, and injected 429s and 5xx.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { TestEmulator } from '../helpers.js';
import { waitFor } from '../../helpers/wait.js';
import { indicator, managementToken, post, STIX_PATH, startSentinel, stixBody } from './helpers.js';

describe('Sentinel request limit and faults (emulator)', () => {
  let t: TestEmulator;
  let token: string;
  before(async () => {
    t = await startSentinel();
    token = await managementToken(t);
  });
  after(() => t.close());
  afterEach(() => {
    t.em.clearFaults();
    t.em.setSentinelRateLimit({ perMinute: 100, timeScale: 1 });
  });

  test('answers 429 with "Try again in <n> seconds." and no Retry-After once the minute is used up', async () => {
    t.em.setSentinelRateLimit({ perMinute: 3, timeScale: 60 });
    const before = t.em.sentinelRequests().throttled;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await post(t, token, STIX_PATH, stixBody([indicator()])));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 429],
    );
    const last = answers[3];
    assert.deepEqual(last?.body, {
      statusCode: 429,
      message: 'Rate limit is exceeded. Try again in 1 seconds.',
    });
    assert.equal(last?.headers['retry-after'], undefined);
    assert.equal(t.em.sentinelRequests().throttled, before + 1);
    // With the minute compressed to a second, the window frees itself soon.
    await waitFor('the window to free', async () => {
      return (await post(t, token, STIX_PATH, stixBody([indicator()]))).status === 200;
    });
  });

  test('renders injected 429s and 5xx in Sentinel shape', async () => {
    t.em.addFault({ listener: 'sentinel', status: 429, retryAfterSec: 7, times: 1 });
    const throttled = await post(t, token, STIX_PATH, stixBody([indicator()]));
    assert.equal(throttled.status, 429);
    assert.equal(throttled.body.message, 'Rate limit is exceeded. Try again in 7 seconds.');
    assert.equal(throttled.headers['retry-after'], undefined);
    t.em.addFault({ listener: 'sentinel', status: 503, times: 1 });
    const unavailable = await post(t, token, STIX_PATH, stixBody([indicator()]));
    assert.equal(unavailable.status, 503);
    assert.equal(unavailable.body.statusCode, 503);
    assert.equal((await post(t, token, STIX_PATH, stixBody([indicator()]))).status, 200);
  });
});
