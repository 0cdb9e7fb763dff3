// Messages signed with the tests' own keys, and a DNS stand-in that publishes those keys: DKIM and ARC
// verification tested without the network and without anyone else's mail.
import { generateKeyPairSync } from 'node:crypto';
import { dkimSign, sealMessage } from 'mailauth';
import { type DnsLookup, DnsLookupError } from '../../../src/phishing/verify/index.js';

export interface TestKey {
  privateKey: string;
  /** The TXT record a domain publishes at <selector>._domainkey. */
  record: string;
  algorithm: 'rsa-sha256' | 'ed25519-sha256';
}

export function rsaKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    record: `v=DKIM1; k=rsa; p=${spki}`,
    algorithm: 'rsa-sha256',
  };
}

export function ed25519Key(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  // RFC 8463: the bare 32-byte key, the end of its SPKI encoding.
  const raw = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    record: `v=DKIM1; k=ed25519; p=${raw}`,
    algorithm: 'ed25519-sha256',
  };
}

export function plainMessage(
  from = 'billing@fabrikam.example',
  body = 'Please pay the attached invoice.\r\n',
) {
  return [
    `From: Billing <${from}>`,
    'To: alice@contoso.com',
    'Subject: Invoice 4711',
    'Date: Mon, 01 Jun 2026 10:00:00 +0000',
    'Message-ID: <inv-4711@fabrikam.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
  ].join('\r\n');
}

export async function signed(
  message: string,
  domain: string,
  selector: string,
  key: TestKey,
): Promise<string> {
  const signature = {
    signingDomain: domain,
    selector,
    privateKey: key.privateKey,
    algorithm: key.algorithm,
    canonicalization: 'relaxed/relaxed',
  };
  // mailauth 4.13.3 signs only what signatureData lists; its typings also allow the keys at the top.
  const r = await dkimSign(message, { ...signature, signatureData: [signature] });
  if (r.errors.length > 0) throw r.errors[0];
  return r.signatures + message;
}

/** The message with an ARC set of `domain` added on top (instance 1, cv=none). */
export async function arcSealed(
  message: string,
  domain: string,
  selector: string,
  key: TestKey,
): Promise<string> {
  const headers = await sealMessage(message, {
    signingDomain: domain,
    selector,
    privateKey: key.privateKey,
    algorithm: key.algorithm,
    // The seal's own options beside the documented ones: instance, chain state, what the sealer saw.
    ...({ i: 1, cv: 'none', authResults: `${domain}; dkim=pass header.d=fabrikam.example` } as object),
  } as Parameters<typeof sealMessage>[1]);
  return headers.toString() + message;
}

/** DNS that knows `records` (name → TXT) and nothing else. */
export function publishing(records: Record<string, string>): DnsLookup & { asked: string[] } {
  const asked: string[] = [];
  const lookup = async (name: string) => {
    asked.push(name);
    const txt = records[name.toLowerCase()];
    if (txt === undefined) throw new DnsLookupError('ENOTFOUND', `${name} not found`);
    return [[txt]];
  };
  return Object.assign(lookup, { asked });
}

export const bytes = (s: string) => new Uint8Array(Buffer.from(s));
