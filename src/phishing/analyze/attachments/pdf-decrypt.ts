// Decryption of PDFs protected by the standard security handler with an empty user password
// (ISO 32000-1 §7.6.3, algorithms 1, 2, 4 and 5): phishing PDFs are often "encrypted" so that they
// open without a password while scanners see only ciphertext, or carry a password the mail tells. RC4 (V 1–2, R 2–3) and AES-128 (V 4, AESV2)
// are read; AES-256 (V 5) and a real user password leave the file encrypted.
import { createDecipheriv, createHash } from 'node:crypto';
import type { PdfToken } from './pdf-tokens.js';

/** The padding string of algorithm 2, which is also the empty password padded. */
const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

/** RC4, written out: OpenSSL 3 leaves it to the legacy provider, which Node does not load. */
export function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 0xff;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
  }
  const out = Buffer.alloc(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + (s[i] as number)) & 0xff;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
    out[k] = (data[k] as number) ^ (s[((s[i] as number) + (s[j] as number)) & 0xff] as number);
  }
  return out;
}

const md5 = (...parts: Uint8Array[]) => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
};

export interface Decryptor {
  /** Decrypts a string or stream of object `num` generation `gen`; null when the data is malformed. */
  decrypt(num: number, gen: number, data: Buffer): Buffer | null;
}

/** What the Encrypt dictionary's tokens say; values are latin1 strings of bytes. */
function readEncryptDict(tokens: readonly PdfToken[]) {
  const d: Record<string, string> = {};
  for (let k = 0; k + 1 < tokens.length; k++) {
    const t = tokens[k] as PdfToken;
    const v = tokens[k + 1] as PdfToken;
    if (t.t === 'name' && (v.t === 'word' || v.t === 'string' || v.t === 'name') && !(t.v in d)) d[t.v] = v.v;
  }
  return d;
}

/**
 * A decryptor for the user password (empty by default), or null when the handler or version is not
 * one this reads or the password is wrong (the U entry does not check out).
 */
export function passwordDecryptor(
  encryptDict: readonly PdfToken[],
  id0: string,
  password = '',
): Decryptor | null {
  const d = readEncryptDict(encryptDict);
  const v = Number(d.V ?? 0);
  const r = Number(d.R ?? 0);
  const o = Buffer.from(d.O ?? '', 'latin1');
  const u = Buffer.from(d.U ?? '', 'latin1');
  if (d.Filter !== 'Standard' || o.length < 32 || u.length < 16 || !d.P) return null;
  // Version 4 names its method in the crypt filter: AESV2 (AES-128) or V2 (RC4 128-bit).
  const aes = v === 4 && d.CFM === 'AESV2';
  if (!(v === 1 || v === 2 || (v === 4 && (aes || d.CFM === 'V2'))) || !(r >= 2 && r <= 4)) return null;
  const n = v === 1 ? 5 : v === 4 ? 16 : Math.min(16, Math.max(5, Number(d.Length ?? 40) / 8));
  const p = Buffer.alloc(4);
  p.writeInt32LE(Number(d.P) | 0);
  const extra = r >= 4 && d.EncryptMetadata === 'false' ? [Buffer.from([0xff, 0xff, 0xff, 0xff])] : [];
  // Algorithm 2 step a: the password's first 32 bytes, completed from the padding string.
  const pw = Buffer.from(password, 'latin1').subarray(0, 32);
  const padded = Buffer.concat([pw, PAD.subarray(0, 32 - pw.length)]);
  let key = md5(padded, o.subarray(0, 32), p, Buffer.from(id0, 'latin1'), ...extra).subarray(0, n);
  if (r >= 3) for (let i = 0; i < 50; i++) key = md5(key).subarray(0, n);
  // Algorithms 4 and 5: does the empty password open the file?
  let check: Buffer;
  if (r === 2) check = rc4(key, PAD);
  else {
    check = rc4(key, md5(PAD, Buffer.from(id0, 'latin1')));
    for (let i = 1; i <= 19; i++)
      check = rc4(
        key.map((b) => b ^ i),
        check,
      );
  }
  if (!check.subarray(0, 16).equals(u.subarray(0, 16))) return null;
  return {
    decrypt(num, gen, data) {
      const salt = Buffer.from([
        num & 0xff,
        (num >> 8) & 0xff,
        (num >> 16) & 0xff,
        gen & 0xff,
        (gen >> 8) & 0xff,
      ]);
      const objectKey = md5(key, salt, aes ? Buffer.from('sAlT', 'latin1') : Buffer.alloc(0)).subarray(
        0,
        Math.min(16, n + 5),
      );
      if (!aes) return rc4(objectKey, data);
      if (data.length < 32 || data.length % 16 !== 0) return null;
      try {
        const d = createDecipheriv('aes-128-cbc', objectKey, data.subarray(0, 16));
        return Buffer.concat([d.update(data.subarray(16)), d.final()]);
      } catch {
        // Bad padding: the data was not encrypted so, or was cut; nothing to read from it.
        return null;
      }
    },
  };
}
