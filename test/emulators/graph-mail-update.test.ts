// Changing mail over real HTTPS: PATCH isRead/categories, move with and without immutable ids, delete,
// sendMail (Sent Items, delivery inside the tenant, the sent record) and the mail/ seed folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEntraGraphEmulator } from '../../emulators/microsoft/index.js';
import { ABUSE, plainMime, reportMime, startMailEmulator } from './graph-mail-fixtures.js';
import { CLIENT, graph, type Json, TENANT, type TestEmulator } from './helpers.js';

const box = `/v1.0/users/${ABUSE}`;

describe('Graph emulator mail updates', () => {
  let t: TestEmulator;
  let token: string;

  before(async () => {
    t = await startMailEmulator();
    t.em.seedUsers([
      {
        tenantId: TENANT,
        userPrincipalName: 'alice@contoso.onmicrosoft.com',
        displayName: 'Alice',
        mail: 'alice@contoso.onmicrosoft.com',
      },
    ]);
    token = await t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT });
  });
  after(async () => t.close());

  test('PATCH sets isRead and categories and returns the message', async () => {
    const { id } = t.em.deliverMail(TENANT, ABUSE, { mime: reportMime(2) });
    const res = await graph(t, token, `${box}/messages/${id}`, {
      method: 'PATCH',
      body: { isRead: true, categories: ['Archer:42'] },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.isRead, true);
    assert.deepEqual(res.body.categories, ['Archer:42']);
    const again = await graph(t, token, `${box}/messages/${id}?$select=categories,isRead`);
    assert.deepEqual(again.body.categories, ['Archer:42']);
    assert.equal(
      (await graph(t, token, `${box}/messages/nope`, { method: 'PATCH', body: { isRead: true } })).status,
      404,
    );
  });

  test('move answers 201 with a new id; the old id no longer resolves', async () => {
    const { id, immutableId } = t.em.deliverMail(TENANT, ABUSE, { mime: plainMime('to move') });
    const moved = await graph(t, token, `${box}/messages/${id}/move`, {
      method: 'POST',
      body: { destinationId: 'archive' },
    });
    assert.equal(moved.status, 201);
    const processed = (await graph(t, token, `${box}/mailFolders/inbox/childFolders`)).body.value.find(
      (f: Json) => f.displayName === 'Processed',
    );
    const res = await graph(t, token, `${box}/messages/${moved.body.id}/move`, {
      method: 'POST',
      body: { destinationId: processed.id },
    });
    assert.equal(res.status, 201);
    assert.notEqual(res.body.id, id);
    assert.notEqual(res.body.id, moved.body.id);
    assert.equal(res.body.parentFolderId, processed.id);
    assert.equal((await graph(t, token, `${box}/messages/${id}`)).status, 404);
    assert.equal(
      (await graph(t, token, `${box}/messages/${moved.body.id}`)).body.error.code,
      'ErrorItemNotFound',
    );
    // The immutable id keeps working and is what the ImmutableId preference returns.
    const imm = await graph(t, token, `${box}/messages/${immutableId}`, {
      headers: { prefer: 'IdType="ImmutableId"' },
    });
    assert.equal(imm.body.id, immutableId);
    assert.equal(
      (
        await graph(t, token, `${box}/messages/${id}/move`, {
          method: 'POST',
          body: { destinationId: 'nope' },
        })
      ).status,
      404,
    );
  });

  test('with Prefer IdType="ImmutableId" a move keeps the id', async () => {
    const prefer = { prefer: 'IdType="ImmutableId"' };
    const { immutableId } = t.em.deliverMail(TENANT, ABUSE, { mime: plainMime('immutable') });
    const moved = await graph(t, token, `${box}/messages/${immutableId}/move`, {
      method: 'POST',
      body: { destinationId: 'archive' },
      headers: prefer,
    });
    assert.equal(moved.status, 201);
    assert.equal(moved.body.id, immutableId);
    const listed = await graph(t, token, `${box}/mailFolders/archive/messages`, { headers: prefer });
    assert.ok(listed.body.value.some((m: Json) => m.id === immutableId));
  });

  test('DELETE removes a message', async () => {
    const { id } = t.em.deliverMail(TENANT, ABUSE, { mime: plainMime('delete me') });
    assert.equal((await graph(t, token, `${box}/messages/${id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await graph(t, token, `${box}/messages/${id}`)).status, 404);
  });

  test('sendMail answers 202, saves to Sent Items, delivers inside the tenant and is recorded', async () => {
    const body = {
      message: {
        subject: 'Your report was received',
        body: { contentType: 'Text', content: 'Thanks — incident INC-42 opened.' },
        toRecipients: [{ emailAddress: { address: 'alice@contoso.onmicrosoft.com' } }],
        attachments: [
          {
            '@odata.type': '#microsoft.graph.fileAttachment',
            name: 'summary.txt',
            contentType: 'text/plain',
            contentBytes: Buffer.from('summary').toString('base64'),
          },
        ],
      },
    };
    const res = await graph(t, token, `${box}/sendMail`, { method: 'POST', body });
    assert.equal(res.status, 202, res.text);
    assert.equal(res.text, '');
    const sent = t.em.sentMail(TENANT);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.from, ABUSE);
    assert.equal(sent[0]?.message.subject, 'Your report was received');
    assert.match(sent[0]?.mime ?? '', /^Subject: Your report was received$/m);
    const saved = await graph(t, token, `${box}/mailFolders/sentitems/messages`);
    assert.equal(saved.body.value[0].subject, 'Your report was received');
    assert.equal(saved.body.value[0].hasAttachments, true);
    assert.equal(saved.body.value[0].body.content, 'Thanks — incident INC-42 opened.');
    const inbox = await graph(
      t,
      token,
      '/v1.0/users/alice@contoso.onmicrosoft.com/mailFolders/inbox/messages',
    );
    assert.equal(inbox.body.value[0].from.emailAddress.address, ABUSE);

    const quiet = await graph(t, token, `${box}/sendMail`, {
      method: 'POST',
      body: { ...body, saveToSentItems: false },
    });
    assert.equal(quiet.status, 202);
    assert.equal((await graph(t, token, `${box}/mailFolders/sentitems/messages`)).body.value.length, 1);
    const none = await graph(t, token, `${box}/sendMail`, {
      method: 'POST',
      body: { message: { subject: 'x' } },
    });
    assert.equal(none.status, 400);
    assert.equal(none.body.error.code, 'ErrorInvalidRecipients');
  });
});

describe('Graph emulator mail seed folder', () => {
  test('mail/mailboxes.json seeds mailboxes, folders and .eml messages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mail-seed-'));
    try {
      mkdirSync(join(dir, 'mail'));
      writeFileSync(
        join(dir, 'tenants.json'),
        JSON.stringify([{ id: TENANT, displayName: 'Contoso', domains: ['contoso.onmicrosoft.com'] }]),
      );
      writeFileSync(
        join(dir, 'apps.json'),
        JSON.stringify([
          { tenantId: TENANT, clientId: CLIENT, secrets: ['s'], roles: { graph: ['Mail.Read'] } },
        ]),
      );
      writeFileSync(join(dir, 'mail', 'report.eml'), reportMime(3));
      writeFileSync(
        join(dir, 'mail', 'mailboxes.json'),
        JSON.stringify([
          {
            user: ABUSE,
            folders: ['Inbox/Phishing'],
            messages: [{ folder: 'Inbox/Phishing', mimeFile: 'report.eml', categories: ['Seeded'] }],
          },
        ]),
      );
      const em = await startEntraGraphEmulator({ seedDir: dir });
      try {
        const { Agent } = await import('undici');
        const agent = new Agent({ connect: { ca: em.caPem } });
        const token = await em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT });
        const tt = { em, agent, close: async () => undefined };
        const folders = await graph(tt, token, `${box}/mailFolders/inbox/childFolders`);
        const phishing = folders.body.value.find((f: Json) => f.displayName === 'Phishing');
        const msgs = await graph(tt, token, `${box}/mailFolders/${phishing.id}/messages`);
        assert.equal(msgs.body.value[0].subject, 'Report 3: suspicious mail');
        assert.deepEqual(msgs.body.value[0].categories, ['Seeded']);
        em.reset();
        const after = await graph(
          tt,
          await em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT }),
          `${box}/messages`,
        );
        assert.equal(after.body.value.length, 1, 'reset reloads the seed folder');
        await agent.close();
      } finally {
        await em.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
