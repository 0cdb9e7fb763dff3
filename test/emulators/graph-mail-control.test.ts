// The mail part of the /_emulator control API: seed, deliver, sent mail, settings and bad bodies.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ABUSE, plainMime, startMailEmulator } from './graph-mail-fixtures.js';
import { CLIENT, graph, type Json, TENANT, type TestEmulator } from './helpers.js';

describe('Graph emulator mail control API', () => {
  let t: TestEmulator;
  let token: string;

  before(async () => {
    t = await startMailEmulator();
    token = await t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT });
  });
  after(async () => t.close());

  test('seeds and delivers mail, and lists what sendMail sent', async () => {
    const seeded = await graph(t, undefined, '/_emulator/mail', {
      method: 'POST',
      body: {
        tenantId: TENANT,
        mailboxes: [{ user: ABUSE, messages: [{ mime: plainMime('from control') }] }],
      },
    });
    assert.equal(seeded.status, 204, seeded.text);
    const delivered = await graph(t, undefined, '/_emulator/mail/deliver', {
      method: 'POST',
      body: { tenantId: TENANT, user: ABUSE, message: { folder: 'junkemail', mime: plainMime('junk') } },
    });
    assert.equal(delivered.status, 201);
    const junk = await graph(t, token, `/v1.0/users/${ABUSE}/mailFolders/junkemail/messages`);
    assert.equal(junk.body.value[0].id, delivered.body.id);
    await graph(t, token, `/v1.0/users/${ABUSE}/sendMail`, {
      method: 'POST',
      body: { message: { subject: 'hi', toRecipients: [{ emailAddress: { address: 'x@example.com' } }] } },
    });
    const sent = await graph(t, undefined, '/_emulator/mail/sent');
    assert.deepEqual(
      sent.body.value.map((s: Json) => s.message.subject),
      ['hi'],
    );
    assert.equal((await graph(t, undefined, '/_emulator/mail/notifications')).status, 200);
  });

  test('bad bodies answer 400 with the field', async () => {
    const bad = await graph(t, undefined, '/_emulator/mail/throttle', {
      method: 'PUT',
      body: { concurrent: 0 },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /concurrent/);
    const unknown = await graph(t, undefined, '/_emulator/mail/deliver', {
      method: 'POST',
      body: { tenantId: TENANT, user: 'ghost-not-an-upn', message: { mime: plainMime('x') } },
    });
    assert.equal(unknown.status, 400);
    const noMime = await graph(t, undefined, '/_emulator/mail', {
      method: 'POST',
      body: { mailboxes: [{ user: ABUSE, messages: [{}] }] },
    });
    assert.equal(noMime.status, 400);
    assert.equal(
      (await graph(t, undefined, '/_emulator/mail/subscriptions/nope/expire', { method: 'POST' })).status,
      404,
    );
  });
});
