// The mailFolders resource against the Graph emulator: list page by page, create, find by display name
// without regard to case, and a hostile mailbox name kept inside one path segment.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createMailFolder,
  findMailFolder,
  listMailFolders,
  type MailFolder,
} from '../../../../../src/connectors/microsoft/graph/index.js';
import { graphCalls, graphFixture, staysInOneSegment } from './helpers.js';

const BOX = 'abuse@contoso.onmicrosoft.com';

describe('graph resource: mail folders', () => {
  const t = graphFixture(['Mail.ReadWrite'], (emu, tenantId) =>
    emu.seedMail(tenantId, { mailboxes: [{ user: BOX }] }),
  );

  test('creates a folder, then lists it among the top-level folders page by page', async () => {
    const created = await createMailFolder(t.graph, BOX, "Reports 'done'");
    assert.equal(created.displayName, "Reports 'done'");
    const pages: MailFolder[][] = [];
    for await (const page of listMailFolders(t.graph, BOX, { query: { $top: 2 } })) pages.push(page);
    assert.ok(pages.length > 1, 'more than one page of two');
    assert.ok(pages.flat().some((f) => f.id === created.id));
  });

  test('finds a folder by display name without regard to case, reading 100 folders a page', async () => {
    const created = await createMailFolder(t.graph, BOX, 'Processed');
    t.emu.clearRequests();
    assert.equal((await findMailFolder(t.graph, BOX, 'PROCESSED'))?.id, created.id);
    const calls = graphCalls(t.emu);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.query.$top, '100');
    assert.equal(await findMailFolder(t.graph, BOX, 'No such folder'), undefined);
  });

  test('a hostile mailbox name stays inside one path segment', async () => {
    await staysInOneSegment(
      t,
      (bad) => ['users', bad, 'mailFolders'],
      (bad) => createMailFolder(t.graph, bad, 'x'),
    );
  });
});
