// Sending a mail as a mailbox. https://learn.microsoft.com/graph/api/user-sendmail
import { safePath } from '../../../../platform/http/index.js';
import type { GraphClient } from '../client.js';
import type { GraphCallOptions } from '../types.js';

/** The message as Graph's sendMail takes it (only the properties graphsoc sets). */
export interface OutgoingMail {
  subject: string;
  body: { contentType: 'HTML' | 'Text'; content: string };
  toRecipients: Array<{ emailAddress: { address: string; name?: string } }>;
}

/** Graph answers 202 Accepted with no body; delivery happens later. */
export async function sendMail(
  graph: GraphClient,
  mailbox: string,
  message: OutgoingMail,
  o: GraphCallOptions & { saveToSentItems?: boolean } = {},
): Promise<void> {
  const { saveToSentItems = true, ...call } = o;
  await graph.raw({
    ...call,
    method: 'POST',
    url: safePath`/users/${mailbox}/sendMail`,
    json: { message, saveToSentItems },
  });
}
