// Delta per mail folder over real HTTPS: the initial round in pages, incremental rounds after a delivery,
// an update and a move (@removed), odata.maxpagesize, ImmutableId, and 410 for an expired token.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ABUSE, plainMime, startMailEmulator } from './graph-mail-fixtures.js';
import { CLIENT, graph, type Json, TENANT, type TestEmulator } from './helpers.js';

const box = `/v1.0/users/${ABUSE}`;

describe('Graph emulator mail delta', () => {
  let t: TestEmulator;
  let token: string;

  before(async () => {
    t = await startMailEmulator();
    t.em.seedMail(TENANT, {
      mailboxes: [
        { user: ABUSE, messages: Array.from({ length: 7 }, (_, i) => ({ mime: plainMime(`seed ${i}`) })) },
      ],
    });
    token = await t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT });
  });
  after(async () => t.close());

  /** Follows nextLinks to the deltaLink; returns every item and the deltaLink. */
  async function round(url: string, headers: Record<string, string> = {}) {
    const items: Json[] = [];
    let pages = 0;
    let next: string | undefined = url;
    for (;;) {
      const res: Json = await graph(t, token, next as string, { headers });
      assert.equal(res.status, 200, res.text);
      items.push(...res.body.value);
      pages += 1;
      if (res.body['@odata.deltaLink'])
        return { items, pages, deltaLink: res.body['@odata.deltaLink'] as string, last: res };
      next = res.body['@odata.nextLink'];
      assert.match(next ?? '', /\$skiptoken=/);
    }
  }

  test('an initial round pages with skip tokens and ends in a deltaLink', async () => {
    const r = await round(`${box}/mailFolders/inbox/messages/delta`, { prefer: 'odata.maxpagesize=3' });
    assert.equal(r.pages, 3);
    assert.equal(r.items.length, 7);
    assert.match(r.deltaLink, /\$deltatoken=/);
    assert.equal(r.last.headers['preference-applied'], 'odata.maxpagesize=3');
    const empty = await round(r.deltaLink);
    assert.equal(empty.items.length, 0);
  });

  test('incremental rounds return new, changed and moved-out messages', async () => {
    const start = await round(`${box}/mailFolders/inbox/messages/delta?$select=subject,isRead`);
    const delivered = t.em.deliverMail(TENANT, ABUSE, { mime: plainMime('fresh report') });
    const r1 = await round(start.deltaLink);
    assert.deepEqual(
      r1.items.map((m) => m.subject),
      ['fresh report'],
    );
    assert.deepEqual(
      Object.keys(r1.items[0]).sort(),
      ['@odata.etag', 'id', 'isRead', 'subject'],
      '$select kept',
    );
    assert.equal(r1.items[0].id, delivered.id);

    const target = start.items[0];
    await graph(t, token, `${box}/messages/${target.id}`, { method: 'PATCH', body: { isRead: true } });
    const moved = await graph(t, token, `${box}/messages/${delivered.id}/move`, {
      method: 'POST',
      body: { destinationId: 'deleteditems' },
    });
    assert.equal(moved.status, 201);
    const r2 = await round(r1.deltaLink);
    const changed = r2.items.find((m) => m.id === target.id);
    assert.equal(changed.isRead, true);
    const removed = r2.items.find((m) => m['@removed']);
    assert.deepEqual(removed, {
      '@odata.type': '#microsoft.graph.message',
      id: delivered.id,
      '@removed': { reason: 'deleted' },
    });
    assert.equal(r2.items.length, 2);

    const deleted = await round(`${box}/mailFolders/deleteditems/messages/delta`);
    assert.deepEqual(
      deleted.items.map((m) => m.id),
      [moved.body.id],
    );
  });

  test('with Prefer IdType="ImmutableId" delta ids survive a move', async () => {
    const imm = { prefer: 'IdType="ImmutableId"' };
    const start = await round(`${box}/mailFolders/inbox/messages/delta`, imm);
    const one = start.items[0];
    const moved = await graph(t, token, `${box}/messages/${one.id}/move`, {
      method: 'POST',
      body: { destinationId: 'archive' },
      headers: imm,
    });
    assert.equal(moved.body.id, one.id);
    const r = await round(start.deltaLink, imm);
    assert.deepEqual(r.items, [
      { '@odata.type': '#microsoft.graph.message', id: one.id, '@removed': { reason: 'deleted' } },
    ]);
  });

  test('an expired delta token answers 410 SyncStateNotFound and a new initial round works', async () => {
    const start = await round(`${box}/mailFolders/inbox/messages/delta`);
    t.em.expireMailDeltaTokens(TENANT, ABUSE);
    const gone = await graph(t, token, start.deltaLink);
    assert.equal(gone.status, 410);
    assert.equal(gone.body.error.code, 'SyncStateNotFound');
    const bad = await graph(t, token, `${box}/mailFolders/inbox/messages/delta?$deltatoken=garbage`);
    assert.equal(bad.status, 400);
    const again = await round(`${box}/mailFolders/inbox/messages/delta`);
    assert.ok(again.items.length > 0);
    assert.equal((await round(again.deltaLink)).items.length, 0);
  });
});
