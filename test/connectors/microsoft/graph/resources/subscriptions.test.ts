// The subscriptions resource against the Graph emulator (with a local webhook that answers Graph's
// validation handshake): create for a folder's messages, read, renew, delete, a 404 once deleted,
// and a hostile subscription id kept inside one path segment.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  createSubscription,
  deleteSubscription,
  GraphError,
  getSubscription,
  mailSubscriptionResource,
  renewSubscription,
} from '../../../../../src/connectors/microsoft/graph/index.js';
import { graphFixture, staysInOneSegment } from './helpers.js';

const BOX = 'abuse@contoso.onmicrosoft.com';
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000);

/** Answers validation requests with their token and notifications with 202. */
function webhook(): Server {
  return createServer((req, res) => {
    const token = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('validationToken');
    req.resume();
    if (token !== null) res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
    else res.writeHead(202).end();
  });
}

describe('graph resource: subscriptions', () => {
  const t = graphFixture(['Mail.ReadWrite'], (emu, tenantId) =>
    emu.seedMail(tenantId, { mailboxes: [{ user: BOX }] }),
  );
  const hook = webhook();
  let hookUrl = '';
  before(async () => {
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/notify`;
  });
  after(async () => {
    await t.emu.flushMailNotifications();
    hook.closeAllConnections();
    await new Promise((resolve) => hook.close(resolve));
  });

  test("names a folder's messages as Graph documents it, quotes doubled", () => {
    assert.equal(mailSubscriptionResource(BOX, 'inbox'), `users/${BOX}/mailFolders('inbox')/messages`);
    assert.equal(mailSubscriptionResource(BOX, "it's"), `users/${BOX}/mailFolders('it''s')/messages`);
  });

  test('creates, reads, renews and deletes a subscription; a deleted one is GSOC_GRAPH_NOT_FOUND', async () => {
    const created = await createSubscription(t.graph, {
      changeType: 'created',
      notificationUrl: hookUrl,
      lifecycleNotificationUrl: hookUrl,
      resource: mailSubscriptionResource(BOX, 'inbox'),
      expirationDateTime: inHours(24).toISOString(),
      clientState: 'state',
    });
    assert.equal((await getSubscription(t.graph, created.id)).id, created.id);
    const later = inHours(48);
    const renewed = await renewSubscription(t.graph, created.id, later);
    assert.equal(Date.parse(renewed.expirationDateTime), later.getTime());
    await deleteSubscription(t.graph, created.id);
    await assert.rejects(getSubscription(t.graph, created.id), (e: unknown) => {
      assert.ok(e instanceof GraphError);
      assert.equal(e.status, 404);
      assert.equal(e.code, 'GSOC_GRAPH_NOT_FOUND');
      return true;
    });
  });

  test('a hostile subscription id stays inside one path segment', async () => {
    await staysInOneSegment(
      t,
      (bad) => ['subscriptions', bad],
      (bad) => renewSubscription(t.graph, bad, inHours(1)),
      (bad) => deleteSubscription(t.graph, bad),
      (bad) => getSubscription(t.graph, bad),
    );
  });
});
