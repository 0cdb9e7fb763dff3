// Behaviour of the emulated Outlook mail resources over real HTTPS: folders, listing and paging, $select,
// raw MIME, the three attachment kinds and the app roles each route needs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ABUSE,
  MAIL_ROLES,
  PDF_BYTES,
  PHISH,
  plainMime,
  reportMime,
  startMailEmulator,
} from './graph-mail-fixtures.js';
import { CLIENT, graph, type Json, TENANT, type TestEmulator } from './helpers.js';

const box = `/v1.0/users/${ABUSE}`;

describe('Graph emulator mail messages', () => {
  let t: TestEmulator;
  let token: string;

  before(async () => {
    t = await startMailEmulator();
    t.em.seedMail(TENANT, {
      mailboxes: [
        {
          user: ABUSE,
          messages: [
            { mime: reportMime(1), categories: ['New'] },
            ...Array.from({ length: 12 }, (_, i) => ({
              folder: 'Inbox/Processed',
              mime: plainMime(`old ${i}`, `Sun, 01 Mar 2026 0${i % 10}:${10 + i}:00 +0000`),
              isRead: true,
            })),
            {
              mime: Buffer.from(plainMime('base64 seeded')).toString('base64'),
              attachments: [
                {
                  '@odata.type': '#microsoft.graph.referenceAttachment',
                  name: 'report.docx',
                  sourceUrl: 'https://contoso.sharepoint.com/r.docx',
                },
              ],
            },
          ],
        },
      ],
    });
    token = await t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT });
  });
  after(async () => t.close());

  test('well-known folders and child folders resolve, and new child folders can be created', async () => {
    const top = await graph(t, token, `${box}/mailFolders?$top=50`);
    assert.equal(top.status, 200, top.text);
    const names = top.body.value.map((f: Json) => f.displayName);
    for (const n of ['Inbox', 'Sent Items', 'Deleted Items', 'Junk Email', 'Archive'])
      assert.ok(names.includes(n), n);
    const inbox = await graph(t, token, `${box}/mailFolders/inbox`);
    assert.equal(inbox.body.displayName, 'Inbox');
    assert.equal(inbox.body.childFolderCount, 2);
    assert.equal(inbox.body.totalItemCount, 2);
    const kids = await graph(t, token, `${box}/mailFolders/${inbox.body.id}/childFolders`);
    assert.deepEqual(kids.body.value.map((f: Json) => f.displayName).sort(), ['Failed', 'Processed']);
    const created = await graph(t, token, `${box}/mailFolders/inbox/childFolders`, {
      method: 'POST',
      body: { displayName: 'Quarantine' },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.parentFolderId, inbox.body.id);
    const dup = await graph(t, token, `${box}/mailFolders/inbox/childFolders`, {
      method: 'POST',
      body: { displayName: 'quarantine' },
    });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.code, 'ErrorFolderExists');
    assert.equal((await graph(t, token, `${box}/mailFolders/nope`)).body.error.code, 'ErrorItemNotFound');
  });

  test('messages carry the properties Graph derives from their MIME', async () => {
    const res = await graph(t, token, `${box}/mailFolders/inbox/messages`);
    assert.equal(res.status, 200, res.text);
    const report = res.body.value.find((m: Json) => m.subject === 'Report 1: suspicious mail');
    assert.ok(report);
    assert.equal(report.internetMessageId, '<report-1@contoso.onmicrosoft.com>');
    assert.deepEqual(report.from, {
      emailAddress: { name: 'Alice', address: 'alice@contoso.onmicrosoft.com' },
    });
    assert.deepEqual(report.sender, report.from);
    assert.equal(report.toRecipients[0].emailAddress.address, ABUSE);
    assert.equal(report.hasAttachments, true);
    assert.deepEqual(report.categories, ['New']);
    assert.equal(report.isRead, false);
    assert.equal(report.body.contentType, 'html');
    assert.match(report.body.content, /<b>phish<\/b>/);
    assert.equal(report.bodyPreview, 'Please look at this phish .');
    assert.equal(report.internetMessageHeaders, undefined, 'headers only when selected');
    assert.ok(report.conversationId && report.parentFolderId && report['@odata.etag']);
    const text = await graph(t, token, `${box}/messages/${report.id}`, {
      headers: { prefer: 'outlook.body-content-type="text"' },
    });
    assert.equal(text.body.body.contentType, 'text');
  });

  test('listing pages with $top and a nextLink that keeps $select', async () => {
    const processed = (await graph(t, token, `${box}/mailFolders/inbox/childFolders`)).body.value.find(
      (f: Json) => f.displayName === 'Processed',
    );
    const seen: string[] = [];
    let url: string | undefined =
      `${box}/mailFolders/${processed.id}/messages?$top=5&$select=subject,receivedDateTime`;
    let pages = 0;
    while (url) {
      const page: Json = await graph(t, token, url);
      assert.equal(page.status, 200, page.text);
      for (const m of page.body.value) {
        assert.deepEqual(Object.keys(m).sort(), ['@odata.etag', 'id', 'receivedDateTime', 'subject']);
        seen.push(m.subject);
      }
      url = page.body['@odata.nextLink'];
      pages += 1;
    }
    assert.equal(pages, 3);
    assert.equal(seen.length, 12);
    assert.equal(new Set(seen).size, 12);
    const all = await graph(t, token, `${box}/messages?$top=1000`);
    assert.equal(all.body.value.length, 14);
    assert.equal((await graph(t, token, `${box}/messages?$top=1001`)).status, 400);
    assert.equal((await graph(t, token, `${box}/messages?$select=nope`)).status, 400);
    const headers = await graph(t, token, `${box}/messages?$select=internetMessageHeaders&$top=1`);
    assert.ok(Array.isArray(headers.body.value[0].internetMessageHeaders));
  });

  test('$value returns the MIME and attachments come as file, item and reference attachments', async () => {
    const list = await graph(t, token, `${box}/messages?$top=100`);
    const report = list.body.value.find((m: Json) => m.subject?.startsWith('Report 1'));
    const mime = await graph(t, token, `${box}/messages/${report.id}/$value`);
    assert.equal(mime.status, 200);
    assert.match(mime.headers['content-type'] ?? '', /^message\/rfc822/);
    assert.equal(mime.text, reportMime(1));

    const atts = await graph(t, token, `${box}/messages/${report.id}/attachments`);
    assert.equal(atts.status, 200, atts.text);
    const byType = (type: string) => atts.body.value.filter((a: Json) => a['@odata.type'] === type);
    const [item] = byType('#microsoft.graph.itemAttachment');
    assert.equal(item.name, 'Your account is locked ✓');
    assert.equal(item.contentType, null);
    const files = byType('#microsoft.graph.fileAttachment');
    const pdf = files.find((a: Json) => a.name === 'invoice.pdf');
    assert.equal(Buffer.from(pdf.contentBytes, 'base64').toString(), PDF_BYTES.toString());
    assert.equal(pdf.size, PDF_BYTES.length);
    assert.equal(pdf.contentType, 'application/pdf');
    assert.equal(pdf.isInline, false);
    const logo = files.find((a: Json) => a.contentId === 'logo@x');
    assert.equal(logo.isInline, true);

    const itemMime = await graph(t, token, `${box}/messages/${report.id}/attachments/${item.id}/$value`);
    assert.equal(itemMime.status, 200);
    assert.equal(itemMime.text.trim(), PHISH.trim());
    const pdfRaw = await graph(t, token, `${box}/messages/${report.id}/attachments/${pdf.id}/$value`);
    assert.equal(pdfRaw.headers['content-type'], 'application/pdf');
    assert.equal(pdfRaw.text, PDF_BYTES.toString());

    const seeded = list.body.value.find((m: Json) => m.subject === 'base64 seeded');
    const ref = (await graph(t, token, `${box}/messages/${seeded.id}/attachments`)).body.value[0];
    assert.equal(ref['@odata.type'], '#microsoft.graph.referenceAttachment');
    assert.equal(ref.sourceUrl, 'https://contoso.sharepoint.com/r.docx');
    const refValue = await graph(t, token, `${box}/messages/${seeded.id}/attachments/${ref.id}/$value`);
    assert.equal(refValue.status, 405);
  });

  test('routes answer 403 without their mail role, and Mail.ReadBasic.All hides bodies', async () => {
    const basic = await t.em.issueAccessToken({
      tenantId: TENANT,
      clientId: CLIENT,
      roles: ['Mail.ReadBasic.All'],
    });
    const listed = await graph(t, basic, `${box}/messages?$top=1`);
    assert.equal(listed.status, 200);
    assert.equal(listed.body.value[0].body, undefined);
    assert.equal(listed.body.value[0].bodyPreview, undefined);
    const id = listed.body.value[0].id;
    for (const path of [`${box}/messages/${id}/$value`, `${box}/messages/${id}/attachments`]) {
      const res = await graph(t, basic, path);
      assert.equal(res.status, 403, path);
      assert.equal(res.body.error.code, 'Authorization_RequestDenied');
    }
    const read = await t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT, roles: ['Mail.Read'] });
    assert.equal(
      (await graph(t, read, `${box}/messages/${id}`, { method: 'PATCH', body: { isRead: true } })).status,
      403,
    );
    assert.equal(
      (await graph(t, read, `${box}/sendMail`, { method: 'POST', body: { message: {} } })).status,
      403,
    );
    const none = await t.em.issueAccessToken({
      tenantId: TENANT,
      clientId: CLIENT,
      roles: ['User.Read.All'],
    });
    assert.equal((await graph(t, none, `${box}/mailFolders`)).status, 403);
    assert.equal((await graph(t, none, '/v1.0/subscriptions', { method: 'POST', body: {} })).status, 403);
    assert.ok(MAIL_ROLES.includes('Mail.ReadWrite'));
    const unknown = await graph(t, token, '/v1.0/users/nobody@contoso.onmicrosoft.com/messages');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'ErrorInvalidUser');
  });
});
