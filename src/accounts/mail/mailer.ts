// How the feature sends mail: through Graph sendMail as the configured sender mailbox. A mail is
// built by ./compose.ts (escaped HTML and plain text in the person's language); this only sends it.
import { type GraphClient, sendMail } from '../../connectors/microsoft/graph/index.js';

export interface Mail {
  to: string;
  subject: string;
  /** Already escaped: built by the compose functions only. */
  html: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** Sends as `sender` (the app needs Mail.Send, best narrowed to that mailbox by an access policy). */
export function graphMailer(graph: GraphClient, sender: string): Mailer {
  return {
    send: (m) =>
      sendMail(
        graph,
        sender,
        {
          subject: m.subject,
          body: { contentType: 'HTML', content: m.html },
          toRecipients: [{ emailAddress: { address: m.to } }],
        },
        // Codes and credentials notices need not sit in the sender's Sent Items.
        { saveToSentItems: false },
      ),
  };
}
