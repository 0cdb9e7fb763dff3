// Mail fixtures for the Graph mail emulator tests: a phishing report (forwarded as attachment, with a
// file and an inline image), a plain message, an emulator with mailbox roles, and a local webhook receiver.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestEmulator, TENANT, type TestEmulator } from './helpers.js';

export const ABUSE = 'abuse@contoso.onmicrosoft.com';
export const PDF_BYTES = Buffer.from('%PDF-1.4 fake invoice\n');

export const PHISH = [
  'From: "PayPal Security" <security@paypa1.example>',
  'To: alice@contoso.onmicrosoft.com',
  'Subject: =?utf-8?B?WW91ciBhY2NvdW50IGlzIGxvY2tlZCDinJM=?=',
  'Date: Mon, 02 Mar 2026 08:00:00 +0000',
  'Message-ID: <phish-1@paypa1.example>',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Click http://paypa1.example/login now =E2=9C=93',
  '',
].join('\r\n');

export function reportMime(n = 1): string {
  return [
    'From: Alice <alice@contoso.onmicrosoft.com>',
    `To: ${ABUSE}`,
    `Subject: Report ${n}: suspicious mail`,
    `Date: Mon, 02 Mar 2026 09:0${n % 10}:00 +0000`,
    `Message-ID: <report-${n}@contoso.onmicrosoft.com>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/related; boundary="rel"',
    '',
    '--rel',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Please look at this <b>phish</b>.</p><img src="cid:logo@x">',
    '--rel',
    'Content-Type: image/png',
    'Content-ID: <logo@x>',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('PNGDATA').toString('base64'),
    '--rel--',
    '--outer',
    'Content-Type: message/rfc822',
    'Content-Disposition: attachment',
    '',
    PHISH,
    '--outer',
    'Content-Type: application/pdf; name="invoice.pdf"',
    'Content-Disposition: attachment; filename="invoice.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    PDF_BYTES.toString('base64'),
    '--outer--',
    '',
  ].join('\r\n');
}

export function plainMime(subject: string, date = 'Tue, 03 Mar 2026 10:00:00 +0000'): string {
  return `From: bob@example.com\r\nTo: ${ABUSE}\r\nSubject: ${subject}\r\nDate: ${date}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@example.com>\r\n\r\nHello ${subject}\r\n`;
}

export const MAIL_ROLES = ['Mail.ReadWrite', 'Mail.Send', 'User.Read.All'];

export async function startMailEmulator(roles = MAIL_ROLES): Promise<TestEmulator> {
  const t = await startTestEmulator({}, roles);
  t.em.seedMail(TENANT, { mailboxes: [{ user: ABUSE, folders: ['Inbox/Processed', 'Inbox/Failed'] }] });
  return t;
}

export interface Received {
  url: string;
  query: URLSearchParams;
  body: string;
}

/** A local HTTP webhook receiver; `respond` decides the answer to each request. */
export class Receiver {
  readonly received: Received[] = [];
  private waiters: Array<{ n: number; resolve: () => void }> = [];
  private server: Server;
  url = '';
  respond: (r: Received, res: ServerResponse) => void = (r, res) => {
    const token = r.query.get('validationToken');
    if (token !== null) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
      return;
    }
    res.writeHead(202).end();
  };

  constructor() {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://127.0.0.1');
        const r = { url: u.pathname, query: u.searchParams, body: Buffer.concat(chunks).toString('utf8') };
        this.received.push(r);
        this.respond(r, res);
        this.waiters = this.waiters.filter((w) => {
          if (this.notifications().length < w.n) return true;
          w.resolve();
          return false;
        });
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Received POSTs that were not validation requests, as parsed JSON. */
  notifications(): Array<{ path: string; value: Array<Record<string, unknown>> }> {
    return this.received
      .filter((r) => r.query.get('validationToken') === null)
      .map((r) => ({ path: r.url, ...(JSON.parse(r.body) as { value: Array<Record<string, unknown>> }) }));
  }

  waitFor(n: number): Promise<void> {
    if (this.notifications().length >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
