// The messages resource against the Graph emulator: read, MIME up to a size limit, update, move, the
// delta of a folder, the Prefer header passed through, and hostile ids and mailbox names kept inside
// one path segment.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  findMailFolder,
  folderMessagesDelta,
  GraphError,
  getMessage,
  getMessageMime,
  type Message,
  moveMessage,
  updateMessage,
} from '../../../../../src/connectors/microsoft/graph/index.js';
import { graphCalls, graphFixture, staysInOneSegment } from './helpers.js';

const BOX = 'abuse@contoso.onmicrosoft.com';
const IMMUTABLE = { prefer: ['IdType="ImmutableId"'] };
const mime = (subject: string, body = 'Hello') =>
  `From: bob@example.com\r\nTo: ${BOX}\r\nSubject: ${subject}\r\nMessage-ID: <${subject}@example.com>\r\n\r\n${body}\r\n`;

async function drain(round: AsyncIterable<Message[]>): Promise<Message[]> {
  const all: Message[] = [];
  for await (const page of round) all.push(...page);
  return all;
}

describe('graph resource: messages', () => {
  const t = graphFixture(['Mail.ReadWrite'], (emu, tenantId) =>
    emu.seedMail(tenantId, { mailboxes: [{ user: BOX, folders: ['Processed'] }] }),
  );
  const deliver = (subject: string, body?: string) =>
    t.emu.deliverMail(t.tenantId, BOX, { mime: mime(subject, body) });

  test('reads a message and its MIME, one byte past the limit at most', async () => {
    const { immutableId } = deliver('first', 'x'.repeat(500));
    assert.equal((await getMessage(t.graph, BOX, immutableId, IMMUTABLE)).subject, 'first');
    const whole = await getMessageMime(t.graph, BOX, immutableId, { ...IMMUTABLE, maxBytes: 10_000 });
    assert.equal(whole.tooLarge, false);
    assert.match(whole.bytes.toString('latin1'), /^From: bob@example.com/);
    const cut = await getMessageMime(t.graph, BOX, immutableId, { ...IMMUTABLE, maxBytes: 100 });
    assert.equal(cut.tooLarge, true);
    assert.equal(cut.bytes.length, 101);
    assert.equal(
      graphCalls(t.emu).at(-1)?.path,
      `/v1.0/users/${encodeURIComponent(BOX)}/messages/${encodeURIComponent(immutableId)}/$value`,
    );
  });

  test('updates categories and moves a message to a folder found by name, keeping its immutable id', async () => {
    const { immutableId } = deliver('second');
    await updateMessage(t.graph, BOX, immutableId, { categories: ['graphsoc: processed'] }, IMMUTABLE);
    const processed = await findMailFolder(t.graph, BOX, 'processed');
    assert.ok(processed, 'found without regard to case');
    await moveMessage(t.graph, BOX, immutableId, processed.id, IMMUTABLE);
    const moved = await getMessage(t.graph, BOX, immutableId, IMMUTABLE);
    assert.deepEqual(moved.categories, ['graphsoc: processed']);
    assert.equal(moved.parentFolderId, processed.id);
  });

  test('a folder delta lists new messages, then only changes from the saved deltaLink', async () => {
    const first = folderMessagesDelta(t.graph, BOX, 'inbox', {
      ...IMMUTABLE,
      maxPageSize: 1,
      query: { $select: 'id,internetMessageId,receivedDateTime' },
    });
    assert.ok((await drain(first)).length >= 1);
    assert.ok(first.deltaLink);
    const { immutableId } = deliver('third');
    const next = folderMessagesDelta(t.graph, BOX, 'inbox', { ...IMMUTABLE, deltaLink: first.deltaLink });
    const changed = await drain(next);
    assert.deepEqual(
      changed.filter((m) => m['@removed'] === undefined).map((m) => m.id),
      [immutableId],
    );
  });

  test('passes the Prefer header through: ids come back in the form asked for', async () => {
    const { id, immutableId } = deliver('fourth');
    assert.notEqual(id, immutableId);
    assert.equal((await getMessage(t.graph, BOX, immutableId, IMMUTABLE)).id, immutableId);
    assert.equal((await getMessage(t.graph, BOX, id)).id, id);
  });

  test('hostile message ids and mailbox names stay inside one path segment', async () => {
    await staysInOneSegment(
      t,
      (bad) => ['users', BOX, 'messages', bad],
      (bad) => getMessage(t.graph, BOX, bad),
    );
    await staysInOneSegment(
      t,
      (bad) => ['users', bad, 'messages', 'id'],
      (bad) => updateMessage(t.graph, bad, 'id', { isRead: true }),
    );
    await staysInOneSegment(
      t,
      (bad) => ['users', BOX, 'mailFolders', bad, 'messages', 'delta'],
      (bad) => drain(folderMessagesDelta(t.graph, BOX, bad)),
    );
  });

  test('an empty id or a dot segment is refused before any request', async () => {
    t.emu.clearRequests();
    for (const bad of ['', '.', '..']) {
      await assert.rejects(getMessage(t.graph, BOX, bad), TypeError);
      await assert.rejects(moveMessage(t.graph, bad, 'id', 'inbox'), TypeError);
    }
    assert.equal(graphCalls(t.emu).length, 0);
  });

  test('a message that does not exist is GSOC_GRAPH_NOT_FOUND with the Graph code kept', async () => {
    await assert.rejects(getMessage(t.graph, BOX, 'AAMkAGI2-missing'), (e: unknown) => {
      assert.ok(e instanceof GraphError);
      assert.equal(e.status, 404);
      assert.equal(e.code, 'GSOC_GRAPH_NOT_FOUND');
      assert.ok(e.remoteCode);
      return true;
    });
  });
});
