// Change notification subscriptions for mail over real HTTPS with a local webhook receiver: the validation
// handshake (echo, wrong echo, timeout), notifications with clientState, lifecycle events, renewal, expiry.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { ABUSE, plainMime, Receiver, startMailEmulator } from './graph-mail-fixtures.js';
import { CLIENT, graph, type Json, TENANT, type TestEmulator } from './helpers.js';

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe('Graph emulator mail subscriptions', () => {
  let t: TestEmulator;
  let token: string;
  let rx: Receiver;

  before(async () => {
    t = await startMailEmulator();
    token = await t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT });
  });
  beforeEach(async () => {
    rx = await new Receiver().start();
  });
  afterEach(async () => {
    await t.em.flushMailNotifications();
    await rx.close();
  });
  after(async () => t.close());

  const subscribe = (extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    graph(t, token, '/v1.0/subscriptions', {
      method: 'POST',
      headers,
      body: {
        changeType: 'created',
        notificationUrl: `${rx.url}/notify`,
        lifecycleNotificationUrl: `${rx.url}/lifecycle`,
        resource: `/users/${ABUSE}/mailFolders('inbox')/messages`,
        expirationDateTime: inHours(24),
        clientState: 'secret-state',
        ...extra,
      },
    });

  test('creating a subscription validates both URLs and notifies created messages with clientState', async () => {
    const res = await subscribe();
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.clientState, 'secret-state');
    assert.equal(res.body.changeType, 'created');
    const validations = rx.received.filter((r) => r.query.get('validationToken') !== null);
    assert.deepEqual(
      validations.map((v) => v.url),
      ['/notify', '/lifecycle'],
    );
    assert.match(
      validations[0]?.query.get('validationToken') ?? '',
      /^Validation: Testing client application reachability/,
    );

    const { id } = t.em.deliverMail(TENANT, ABUSE, { mime: plainMime('notify me') });
    t.em.deliverMail(TENANT, ABUSE, { folder: 'junkemail', mime: plainMime('elsewhere') });
    await rx.waitFor(1);
    await t.em.flushMailNotifications();
    const [n] = rx.notifications();
    assert.equal(rx.notifications().length, 1, 'only the watched folder');
    assert.equal(n?.path, '/notify');
    const item = n?.value[0] as Json;
    assert.equal(item.subscriptionId, res.body.id);
    assert.equal(item.changeType, 'created');
    assert.equal(item.clientState, 'secret-state');
    assert.equal(item.tenantId, TENANT);
    assert.equal(item.resourceData.id, id);
    assert.match(item.resource, new RegExp(`/Messages/${id}$`));
    const fetched = await graph(t, token, `/v1.0/${item.resource}`);
    assert.equal(fetched.body.subject, 'notify me');
    await graph(t, token, `/v1.0/subscriptions/${res.body.id}`, { method: 'DELETE' });
  });

  test('a wrong echo, an error status or a slow receiver fail creation with 400', async () => {
    rx.respond = (_r, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('not the token');
    const wrong = await subscribe();
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.code, 'ValidationError');
    rx.respond = (_r, res) => void res.writeHead(500).end();
    const failed = await subscribe();
    assert.equal(failed.status, 400);
    assert.match(failed.body.error.message, /must respond with 200 OK/);
    t.em.setMailSettings({ validationTimeoutMs: 100 });
    rx.respond = (r, res) =>
      void setTimeout(
        () => res.writeHead(200, { 'content-type': 'text/plain' }).end(r.query.get('validationToken') ?? ''),
        400,
      );
    const slow = await subscribe();
    assert.equal(slow.status, 400);
    assert.equal(slow.body.error.message, 'Subscription validation request timed out.');
    t.em.setMailSettings({ validationTimeoutMs: 10_000 });
    const list = await graph(t, token, '/v1.0/subscriptions');
    assert.equal(list.body.value.length, 0);
  });

  test('bad requests: too long a lifetime, a past date, a non-HTTPS remote URL, an unknown resource', async () => {
    assert.match(
      (await subscribe({ expirationDateTime: inHours(24 * 8) })).body.error.message,
      /10070 minutes/,
    );
    assert.equal((await subscribe({ expirationDateTime: inHours(-1) })).status, 400);
    assert.equal((await subscribe({ notificationUrl: 'http://example.com/hook' })).status, 400);
    assert.equal((await subscribe({ resource: '/users/x/events' })).status, 400);
    assert.equal((await subscribe({ clientState: 'x'.repeat(129) })).status, 400);
  });

  test('renewal extends a subscription; an expired one stops notifying and is gone', async () => {
    const res = await subscribe();
    const id = res.body.id as string;
    const target = inHours(48);
    const renewed = await graph(t, token, `/v1.0/subscriptions/${id}`, {
      method: 'PATCH',
      body: { expirationDateTime: target },
    });
    assert.equal(renewed.status, 200, renewed.text);
    assert.equal(renewed.body.expirationDateTime, target);
    assert.equal(
      (
        await graph(t, token, `/v1.0/subscriptions/${id}`, {
          method: 'PATCH',
          body: { expirationDateTime: inHours(24 * 30) },
        })
      ).status,
      400,
    );
    assert.ok(t.em.expireMailSubscription(id));
    t.em.deliverMail(TENANT, ABUSE, { mime: plainMime('after expiry') });
    await t.em.flushMailNotifications();
    assert.equal(rx.notifications().length, 0);
    assert.equal((await graph(t, token, `/v1.0/subscriptions/${id}`)).status, 404);
  });

  test('lifecycle events reach the lifecycle URL; subscriptionRemoved deletes the subscription', async () => {
    const res = await subscribe({}, { prefer: 'IdType="ImmutableId"' });
    const id = res.body.id as string;
    for (const event of ['reauthorizationRequired', 'missed'] as const)
      await t.em.fireMailLifecycle(id, event);
    assert.equal(
      (await graph(t, token, `/v1.0/subscriptions/${id}/reauthorize`, { method: 'POST' })).status,
      200,
    );
    const removed = await t.em.fireMailLifecycle(id, 'subscriptionRemoved');
    assert.equal(removed?.status, 202);
    const events = rx
      .notifications()
      .filter((n) => n.path === '/lifecycle')
      .map((n) => n.value[0] as Json);
    assert.deepEqual(
      events.map((e) => e.lifecycleEvent),
      ['reauthorizationRequired', 'missed', 'subscriptionRemoved'],
    );
    assert.equal(events[0].clientState, 'secret-state');
    assert.equal(events[0].subscriptionId, id);
    assert.equal((await graph(t, token, `/v1.0/subscriptions/${id}`)).status, 404);
  });

  test('a subscription made with ImmutableId notifies immutable ids, also after a move', async () => {
    const res = await subscribe(
      { resource: `users/${ABUSE}/mailFolders/archive/messages` },
      { prefer: 'IdType="ImmutableId"' },
    );
    assert.equal(res.status, 201, res.text);
    const { id, immutableId } = t.em.deliverMail(TENANT, ABUSE, { mime: plainMime('to archive') });
    await graph(t, token, `/v1.0/users/${ABUSE}/messages/${id}/move`, {
      method: 'POST',
      body: { destinationId: 'archive' },
    });
    await rx.waitFor(1);
    const note = rx.notifications()[0]?.value[0] as Json;
    assert.equal(note.resourceData.id, immutableId);
    const control = await graph(t, undefined, `/_emulator/mail/subscriptions/${res.body.id}/lifecycle`, {
      method: 'POST',
      body: { event: 'missed' },
    });
    assert.equal(control.status, 200);
    assert.equal(control.body.delivered.status, 202);
  });
});
