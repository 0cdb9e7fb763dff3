// Outlook throttling in the mail emulator: requests per app and mailbox in a window, and four concurrent
// requests per app and mailbox, both answered 429 with Retry-After; other mailboxes are unaffected.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ABUSE, startMailEmulator } from './graph-mail-fixtures.js';
import { CLIENT, graph, TENANT, type TestEmulator } from './helpers.js';

describe('Graph emulator mail throttling', () => {
  let t: TestEmulator;
  let token: string;

  before(async () => {
    t = await startMailEmulator();
    t.em.seedMail(TENANT, { mailboxes: [{ user: 'other@contoso.onmicrosoft.com' }] });
    token = await t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT });
  });
  after(async () => t.close());

  test('the request budget per mailbox answers 429 ApplicationThrottled with Retry-After', async () => {
    t.em.setMailThrottle({ requests: 3, windowSec: 30 });
    for (let i = 0; i < 3; i++)
      assert.equal((await graph(t, token, `/v1.0/users/${ABUSE}/mailFolders`)).status, 200);
    const limited = await graph(t, token, `/v1.0/users/${ABUSE}/messages`);
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'ApplicationThrottled');
    const retry = Number(limited.headers['retry-after']);
    assert.ok(retry >= 1 && retry <= 30, String(retry));
    assert.equal((await graph(t, token, '/v1.0/users/other@contoso.onmicrosoft.com/messages')).status, 200);
    t.em.setMailThrottle({ requests: 10_000, windowSec: 600 });
    assert.equal((await graph(t, token, `/v1.0/users/${ABUSE}/messages`)).status, 200);
  });

  test('a fifth concurrent request on one mailbox answers 429 MailboxConcurrency', async () => {
    const control = await graph(t, undefined, '/_emulator/mail/throttle', {
      method: 'PUT',
      body: { processingMs: 300 },
    });
    assert.equal(control.status, 204);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => graph(t, token, `/v1.0/users/${ABUSE}/mailFolders/inbox/messages`)),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
    const limited = results.find((r) => r.status === 429);
    assert.equal(limited?.body.error.message, 'Application is over its MailboxConcurrency limit.');
    assert.ok(limited?.headers['retry-after']);
    t.em.setMailThrottle({ processingMs: 0 });
    assert.equal((await graph(t, token, `/v1.0/users/${ABUSE}/messages`)).status, 200);
  });
});
