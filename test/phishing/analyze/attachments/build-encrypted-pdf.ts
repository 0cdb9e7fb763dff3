// PDFs encrypted by the tests with the standard security handler, RC4 128-bit revision 3 or AES-128
// revision 4 (ISO 32000-1 §7.6.3 algorithms 1, 2, 3 and 5), written from the standard: one link whose URI string, and one
// compressed stream whose data, are encrypted with their object's key.
import { createCipheriv, createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { rc4 } from '../../../../src/phishing/analyze/attachments/pdf-decrypt.js';
import { buildPdf, catalogue, linkAnnot, page, pages } from './build-pdf.js';

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');
const md5 = (...p: Buffer[]) => createHash('md5').update(Buffer.concat(p)).digest();
const padded = (pw: string) => Buffer.concat([Buffer.from(pw, 'latin1'), PAD]).subarray(0, 32);
const xorKey = (key: Buffer, i: number) => Buffer.from(key.map((b) => b ^ i));
const N = 16;

export function encryptedPdf(o: {
  userPassword: string;
  uri: string;
  streamUri: string;
  aes?: boolean;
}): Buffer {
  const id0 = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
  // Algorithm 3: the O entry from the owner password.
  let ownerKey = md5(padded('owner-secret'));
  for (let i = 0; i < 50; i++) ownerKey = md5(ownerKey.subarray(0, N));
  let O = rc4(ownerKey.subarray(0, N), padded(o.userPassword));
  for (let i = 1; i <= 19; i++) O = rc4(xorKey(ownerKey.subarray(0, N), i), O);
  // Algorithm 2: the file key.
  const P = Buffer.alloc(4);
  P.writeInt32LE(-4);
  let key = md5(padded(o.userPassword), O, P, id0).subarray(0, N);
  for (let i = 0; i < 50; i++) key = md5(key).subarray(0, N);
  // Algorithm 5: the U entry.
  let U = rc4(key, md5(PAD, id0));
  for (let i = 1; i <= 19; i++) U = rc4(xorKey(key, i), U);
  U = Buffer.concat([U, Buffer.alloc(16, 0xaa)]);
  const salt = o.aes ? Buffer.from('sAlT', 'latin1') : Buffer.alloc(0);
  const objectKey = (num: number) => md5(key, Buffer.from([num, 0, 0, 0, 0]), salt).subarray(0, 16);
  const iv = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
  const encrypt = (num: number, data: Buffer) => {
    if (!o.aes) return rc4(objectKey(num), data);
    const c = createCipheriv('aes-128-cbc', objectKey(num), iv);
    return Buffer.concat([iv, c.update(data), c.final()]);
  };
  const encUri = encrypt(4, Buffer.from(o.uri, 'latin1')).toString('hex');
  const stream = encrypt(5, deflateSync(`<< /S /URI /URI (${o.streamUri}) >>`));
  const method = o.aes
    ? '/V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 /AuthEvent /DocOpen /Length 16 >> >> /StmF /StdCF /StrF /StdCF'
    : '/V 2 /R 3 /Length 128';
  const hex = (b: Buffer) => `<${b.toString('hex')}>`;
  return buildPdf(
    [
      catalogue(),
      pages,
      page('4 0 R'),
      linkAnnot(`<< /S /URI /URI <${encUri}> >>`),
      { dict: '/Filter /FlateDecode', data: stream, deflate: false },
      `<< /Filter /Standard ${method} /P -4 /O ${hex(O)} /U ${hex(U)} >>`,
    ],
    `/Encrypt 6 0 R /ID [${hex(id0)} ${hex(id0)}] `,
  );
}
