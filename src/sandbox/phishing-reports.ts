// Sample phishing reports for the sandbox's report mailbox: users forwarding three phishing campaigns
// as attachments (as Outlook's "Report" button and "Forward as attachment" do), and one user marking a
// newsletter "Not junk", which is analysed and answered but opens no incident.
const PHISHES = [
  {
    id: 'sbx-quota@contoso-support.example',
    from: '"IT Helpdesk" <helpdesk@contoso-support.example>',
    subject: 'Your mailbox is almost full',
    auth: 'spf=fail smtp.mailfrom=contoso-support.example; dkim=none; dmarc=fail action=quarantine',
    body: '<p>Your mailbox is 98% full. <a href="https://contoso-support.example/quota?u=1">Increase quota</a></p>',
  },
  {
    id: 'sbx-invoice@billing-paypa1.example',
    from: '"PayPal Billing" <billing@billing-paypa1.example>',
    subject: 'Invoice #48213 overdue',
    auth: 'spf=softfail smtp.mailfrom=billing-paypa1.example; dkim=fail; dmarc=fail',
    body: '<p>Pay now at <a href="http://billing-paypa1.example/pay">https://www.paypal.com/invoice</a></p>',
  },
  {
    id: 'sbx-parcel@dhl-track.example',
    from: '"DHL Express" <noreply@dhl-track.example>',
    subject: 'Parcel on hold: customs fee',
    auth: 'spf=pass smtp.mailfrom=dhl-track.example; dkim=pass; dmarc=pass',
    body: '<p>Pay the fee of 1.99 EUR: <a href="https://dhl-track.example/fee">track</a></p>',
  },
];

function original(p: (typeof PHISHES)[number]): string {
  return [
    'Received: from mail.attacker.example (mail.attacker.example [203.0.113.77]) by mx.contoso-sandbox.onmicrosoft.com; Mon, 2 Mar 2026 07:59:58 +0000',
    `Authentication-Results: mx.contoso-sandbox.onmicrosoft.com; ${p.auth}`,
    `From: ${p.from}`,
    'To: staff@contoso-sandbox.onmicrosoft.com',
    `Subject: ${p.subject}`,
    `Message-ID: <${p.id}>`,
    'Date: Mon, 02 Mar 2026 08:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    p.body,
  ].join('\r\n');
}

/** A report mail to the sandbox's report mailbox, the reported message attached as an item. */
function reportMail(o: {
  reporter: string;
  subject: string;
  n: number;
  original: string;
  fileName: string;
  note?: string;
}): string {
  return [
    `From: <${o.reporter}>`,
    'To: phish-reports@contoso-sandbox.onmicrosoft.com',
    `Subject: ${o.subject}`,
    `Message-ID: <sbx-report-${o.n}@contoso-sandbox.onmicrosoft.com>`,
    `Date: Mon, 02 Mar 2026 09:${String(10 + o.n).padStart(2, '0')}:00 +0000`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="report-boundary"',
    '',
    ...(o.note ? ['--report-boundary', 'Content-Type: text/plain; charset=utf-8', '', o.note] : []),
    '--report-boundary',
    'Content-Type: message/rfc822',
    `Content-Disposition: attachment; filename="${o.fileName}"`,
    '',
    o.original,
    '--report-boundary--',
    '',
  ].join('\r\n');
}

function report(reporter: string, p: (typeof PHISHES)[number], n: number): string {
  return reportMail({
    reporter,
    subject: `FW: ${p.subject}`,
    n,
    original: original(p),
    fileName: 'original.eml',
    note: 'This looks like phishing to me.',
  });
}

/** A newsletter the junk filter caught, which a user reports as "Not junk" with the Report button. */
function notJunkReport(reporter: string, n: number): string {
  const newsletter = [
    'Received: from mail.fabrikam.example (mail.fabrikam.example [198.51.100.20]) by mx.contoso-sandbox.onmicrosoft.com; Mon, 2 Mar 2026 07:30:00 +0000',
    'Authentication-Results: mx.contoso-sandbox.onmicrosoft.com; spf=pass smtp.mailfrom=fabrikam.example; dkim=pass header.d=fabrikam.example; dmarc=pass',
    'From: "Fabrikam News" <news@fabrikam.example>',
    'To: staff@contoso-sandbox.onmicrosoft.com',
    'Subject: Fabrikam partner newsletter, March',
    'Message-ID: <sbx-newsletter@fabrikam.example>',
    'Date: Mon, 02 Mar 2026 07:30:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'This month: our spring catalogue and the partner summit dates.',
  ].join('\r\n');
  // The prefix report buttons put on a "Not junk" report (2| or Not junk:).
  return reportMail({
    reporter,
    subject: '2|Fabrikam partner newsletter, March',
    n,
    original: newsletter,
    fileName: 'reported.eml',
  });
}

/**
 * Six reports of three phishing campaigns and one "Not junk" report of a newsletter, from the
 * sandbox's sample users.
 */
export function sandboxReports(domain: string): string[] {
  const [quota, invoice, parcel] = PHISHES as [
    (typeof PHISHES)[number],
    (typeof PHISHES)[number],
    (typeof PHISHES)[number],
  ];
  const users = ['ada.lovelace', 'alan.turing', 'grace.hopper', 'edsger.dijkstra'].map(
    (u) => `${u}@${domain}`,
  );
  return [
    report(users[0] as string, quota, 1),
    report(users[1] as string, quota, 2),
    report(users[2] as string, quota, 3),
    report(users[3] as string, invoice, 4),
    report(users[0] as string, invoice, 5),
    report(users[1] as string, parcel, 6),
    notJunkReport(users[2] as string, 7),
  ];
}

export const SANDBOX_REPORT_MAILBOX = 'phish-reports';
