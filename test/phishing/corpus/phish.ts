// Reported originals: a credential phish with the headers Exchange Online adds, and a benign newsletter.
import { buildMessage, encodedWord, type FileSpec } from './mime-builder.js';
import type { Rng } from './rng.js';

export interface OriginalSpec {
  subject: string;
  from: string;
  replyTo?: string;
  messageId: string;
  text?: string;
  html?: string;
  files?: FileSpec[];
  /** Extra header lines appended after the generated ones. */
  extraHeaders?: Array<[string, string]>;
  /** Authentication verdicts to write into Authentication-Results. */
  auth?: { spf: string; dkim: string; dmarc: string };
  scl?: number;
  bcl?: number;
  /** Forefront CAT and SFV, e.g. PHSH/SPM for phish, NONE/NSPM for clean mail. */
  category?: { cat: string; sfv: string };
}

export interface Original {
  spec: OriginalSpec;
  raw: string;
}

const ATTACKER_IP = '203.0.113.45';

export function originalMessage(spec: OriginalSpec): Original {
  const auth = spec.auth ?? { spf: 'fail', dkim: 'none', dmarc: 'fail' };
  const fromDomain = spec.from.replace(/^.*@/, '').replace(/>.*$/, '');
  const headers: Array<[string, string]> = [
    [
      'Received',
      `from AM0PR01MB1234.eurprd01.prod.outlook.com (2603:10a6:208:1::10) by DB9PR01MB5678.eurprd01.prod.outlook.com with HTTPS; Tue, 3 Nov 2026 09:12:44 +0000`,
    ],
    [
      'Received',
      `from mail.${fromDomain} (${ATTACKER_IP}) by AM0PR01MB1234.mail.protection.outlook.com (10.167.16.101) with Microsoft SMTP Server id 15.20.7000.1 via Frontend Transport; Tue, 3 Nov 2026 09:12:43 +0000`,
    ],
    [
      'Received',
      `from [192.168.1.23] (unknown [198.51.100.7])\r\n\tby mail.${fromDomain} (Postfix) with ESMTPSA id 4F2A1;\r\n\tTue,  3 Nov 2026 10:12:41 +0100 (CET)`,
    ],
    [
      'Authentication-Results',
      `spf=${auth.spf} (sender IP is ${ATTACKER_IP}) smtp.mailfrom=${fromDomain}; dkim=${auth.dkim} (message not signed) header.d=none;dmarc=${auth.dmarc} action=quarantine header.from=${fromDomain};compauth=${auth.dmarc === 'fail' ? 'fail reason=000' : 'pass reason=100'}`,
    ],
    [
      'Received-SPF',
      `${auth.spf === 'pass' ? 'Pass' : 'Fail'} (protection.outlook.com: domain of ${fromDomain} designates ${ATTACKER_IP} as ${auth.spf === 'pass' ? 'permitted' : 'not permitted'} sender) receiver=protection.outlook.com; client-ip=${ATTACKER_IP}; helo=mail.${fromDomain};`,
    ],
    ['From', spec.from],
    ...(spec.replyTo ? ([['Reply-To', spec.replyTo]] as Array<[string, string]>) : []),
    ['To', 'Alice Example <alice@contoso.com>'],
    ['Subject', /^[\x20-\x7e]*$/.test(spec.subject) ? spec.subject : encodedWord(spec.subject)],
    ['Date', 'Tue, 3 Nov 2026 10:12:40 +0100'],
    ['Message-ID', spec.messageId],
    ['Return-Path', `bounce@${fromDomain}`],
    ['X-MS-Exchange-Organization-SCL', String(spec.scl ?? 5)],
    ['X-Microsoft-Antispam', `BCL:${spec.bcl ?? 0};`],
    [
      'X-Forefront-Antispam-Report',
      `CIP:${ATTACKER_IP};CTRY:RU;LANG:en;SCL:${spec.scl ?? 5};SRV:;IPV:NLI;SFV:${spec.category?.sfv ?? 'SPM'};H:mail.${fromDomain};PTR:mail.${fromDomain};CAT:${spec.category?.cat ?? 'PHSH'};SFTY:9.25;SFS:(13230031)(4636009);DIR:INB;`,
    ],
    ...(spec.extraHeaders ?? []),
  ];
  const raw = buildMessage({
    headers,
    text: spec.text,
    html: spec.html,
    files: spec.files,
    boundarySeed: spec.messageId.replace(/[^a-z0-9]/gi, '').slice(0, 12),
  });
  return { spec, raw };
}

/** Words for a lure sentence of its own per generated phish: nothing a rule reads as a brand or a link. */
const LURE_WORDS = `account access action active address alert approve archive billing blocked budget calendar
  change check claim client close code confirm contract copy credit daily data deadline delivery desk
  device document domain download due email expire export file final folder form fund group hold
  import inbox invoice issue item last limit list locked login manager meeting member message missing
  monthly notice office order owner package page paper partner password payment pending people
  personal plan policy portal premium private profile project quota receipt record refund release
  remote renewal report request review salary schedule secure server service session share shipment
  signature staff storage summary support system team ticket transfer update upgrade urgent user
  vendor verify voice wallet warning weekly`.split(/\s+/);

/**
 * A sentence of random words: each generated phish is a template of its own, so grouping by body
 * similarity keeps two generated phish apart as it keeps two real campaigns apart. Copies of one
 * generated phish share it.
 */
function lure(rng: Rng): string {
  return Array.from({ length: 30 }, () => rng.pick(LURE_WORDS)).join(' ');
}

export function credentialPhish(rng: Rng, overrides: Partial<OriginalSpec> = {}): Original {
  const n = rng.int(1_000_000);
  const story = lure(rng);
  const host = rng.pick([
    'login-micros0ft.example',
    'secure-rnicrosoft.example',
    'sharepoint-docs.attacker.github.io',
  ]);
  return originalMessage({
    subject: 'Action required: your mailbox storage is full',
    from: 'Microsoft 365 <no-reply@c0ntoso.com>',
    replyTo: 'helpdesk@mailbox-recovery.example',
    messageId: `<phish-${n}@c0ntoso.com>`,
    text: `Dear user,\r\nYour mailbox is full. ${story}. Verify at hxxps://${host.replace(/\./g, '[.]')}/verify?u=${n} today.\r\nIT Service Desk`,
    html: `<p>Dear user,</p><p>Your mailbox is full. ${story}. <a href="https://${host}/verify?u=${n}">https://portal.office.com/storage</a></p><p>IT Service Desk</p>`,
    files: [
      {
        name: 'Invoice_2026.html',
        contentType: 'text/html',
        bytes: Buffer.from(`<script>location='https://${host}/x'</script>`),
      },
    ],
    ...overrides,
  });
}

export function benignNewsletter(overrides: Partial<OriginalSpec> = {}): Original {
  return originalMessage({
    subject: 'Your weekly product digest',
    from: 'Fabrikam News <news@fabrikam.example>',
    messageId: '<digest-2026-45@fabrikam.example>',
    text: 'This week: new features. Read more at https://www.fabrikam.example/blog/week-45 .',
    html: '<p>This week: <a href="https://www.fabrikam.example/blog/week-45">https://www.fabrikam.example/blog/week-45</a></p>',
    auth: { spf: 'pass', dkim: 'pass', dmarc: 'pass' },
    scl: 1,
    bcl: 3,
    category: { cat: 'NONE', sfv: 'NSPM' },
    ...overrides,
  });
}
