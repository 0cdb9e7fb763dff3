// Test corpus of phishing reports, deterministic for a seed; used by parse/analyze tests and benchmarks.
import { benignNewsletter, credentialPhish, type Original } from './phish.js';
import {
  asEmlFile,
  asItemAttachment,
  asMsgFile,
  asPlainForward,
  type Breakage,
  brokenMime,
  campaign,
  nested,
  withFiles,
} from './reports.js';
import { seeded } from './rng.js';

export * from './mime-builder.js';
export * from './phish.js';
export * from './reports.js';
export * from './rng.js';

export interface CorpusEntry {
  name: string;
  raw: Uint8Array;
}

const bytes = (s: string) => new Uint8Array(Buffer.from(s));

/** A mixed set of report mails covering every way a report arrives. */
export function standardCorpus(seed = 1): CorpusEntry[] {
  const rng = seeded(seed);
  const phish: Original = credentialPhish(rng);
  const cyrillic = credentialPhish(rng, {
    subject: 'Срочно: подтвердите пароль',
    messageId: '<cyr@c0ntoso.com>',
  });
  const cjk = credentialPhish(rng, {
    subject: '【重要】アカウントの確認 账户验证',
    messageId: '<cjk@c0ntoso.com>',
  });
  const htmlOnly = credentialPhish(rng, { text: undefined, messageId: '<html-only@c0ntoso.com>' });
  return [
    { name: 'item-attachment', raw: bytes(asItemAttachment(phish)) },
    { name: 'eml-file', raw: bytes(asEmlFile(phish)) },
    { name: 'msg-file', raw: bytes(asMsgFile('Attach_sample_eml_received.msg')) },
    { name: 'plain-forward-en', raw: bytes(asPlainForward(phish, 'outlook-en')) },
    { name: 'plain-forward-de', raw: bytes(asPlainForward(phish, 'outlook-de')) },
    { name: 'plain-forward-gmail', raw: bytes(asPlainForward(phish, 'gmail')) },
    { name: 'nested-3', raw: bytes(nested(phish, 3)) },
    { name: 'html-only', raw: bytes(asItemAttachment(htmlOnly)) },
    { name: 'cyrillic-subject', raw: bytes(asItemAttachment(cyrillic)) },
    { name: 'cjk-subject', raw: bytes(asItemAttachment(cjk)) },
    { name: 'benign', raw: bytes(asItemAttachment(benignNewsletter())) },
    ...campaign(phish, 3).map((r, i) => ({ name: `campaign-${i}`, raw: bytes(r) })),
  ];
}

/** Large and broken reports: a big attachment (sizeMb, random bytes) and each kind of broken MIME. */
export function hostileCorpus(seed = 1, sizeMb = 5): CorpusEntry[] {
  const rng = seeded(seed);
  const phish = credentialPhish(rng);
  const kinds: Breakage[] = ['truncated', 'no-closing-boundary', 'wrong-boundary', 'bad-base64', 'lf-only'];
  return [
    {
      name: `large-${sizeMb}mb`,
      raw: bytes(
        withFiles(phish, [
          { name: 'scan.pdf', contentType: 'application/pdf', bytes: rng.bytes(sizeMb * 1024 * 1024) },
        ]),
      ),
    },
    ...kinds.map((k) => ({ name: `broken-${k}`, raw: bytes(brokenMime(phish, k)) })),
  ];
}
