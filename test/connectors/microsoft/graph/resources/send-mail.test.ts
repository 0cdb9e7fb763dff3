// The sendMail resource against the Graph emulator: the message and saveToSentItems as sent, the 202
// answered with no body, and a hostile mailbox name kept inside one path segment.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type OutgoingMail, sendMail } from '../../../../../src/connectors/microsoft/graph/index.js';
import { graphCalls, graphFixture, staysInOneSegment } from './helpers.js';

const BOX = 'abuse@contoso.onmicrosoft.com';
const MAIL: OutgoingMail = {
  subject: 'Your report',
  body: { contentType: 'HTML', content: '<p>Thanks</p>' },
  toRecipients: [{ emailAddress: { address: 'alice@contoso.onmicrosoft.com' } }],
};

describe('graph resource: sendMail', () => {
  const t = graphFixture(['Mail.Send'], (emu, tenantId) =>
    emu.seedMail(tenantId, { mailboxes: [{ user: BOX }] }),
  );

  test('sends the message as the mailbox and saves it to Sent Items by default', async () => {
    await sendMail(t.graph, BOX, MAIL);
    const [sent] = t.emu.sentMail(t.tenantId);
    assert.deepEqual(sent?.message, MAIL);
    assert.equal(sent?.saveToSentItems, true);
    assert.equal(graphCalls(t.emu).at(-1)?.status, 202);
  });

  test('saveToSentItems: false is sent as asked', async () => {
    await sendMail(t.graph, BOX, MAIL, { saveToSentItems: false });
    assert.equal(t.emu.sentMail(t.tenantId).at(-1)?.saveToSentItems, false);
  });

  test('a hostile mailbox name stays inside one path segment', async () => {
    await staysInOneSegment(
      t,
      (bad) => ['users', bad, 'sendMail'],
      (bad) => sendMail(t.graph, bad, MAIL),
    );
  });
});
