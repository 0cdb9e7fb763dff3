// IP addresses as bytes: parsing validated text to 4 or 16 bytes, prefix comparison and canonical
// text. Shared by the CIDR normalisation and the policy's range allow-lists, so a range and an
// indicator are compared the same way.
import { isIP } from 'node:net';

export interface IpBytes {
  family: 4 | 6;
  bytes: Uint8Array;
}

/** 4 or 16 bytes of an address `isIP` accepts, or undefined (zone ids included: they name no host). */
export function parseIp(text: string): IpBytes | undefined {
  const family = isIP(text);
  if (family === 4) return { family, bytes: Uint8Array.from(text.split('.'), Number) };
  if (family === 6 && !text.includes('%')) return { family, bytes: parseIpv6(text) };
  return undefined;
}

/** An address isIP accepted as IPv6: groups around at most one `::`, maybe a dotted IPv4 tail. */
function parseIpv6(text: string): Uint8Array {
  const groups = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (g.includes('.')) {
        const [a, b, c, d] = g.split('.').map(Number) as [number, number, number, number];
        out.push((a << 8) | b, (c << 8) | d);
      } else out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const gap = text.indexOf('::');
  const head = groups(gap < 0 ? text : text.slice(0, gap));
  const tail = gap < 0 ? [] : groups(text.slice(gap + 2));
  const all = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

/** RFC 5952 text of an address: dotted decimal, or lower-case IPv6 with the longest zero run as `::`. */
export function formatIp(ip: IpBytes): string {
  if (ip.family === 4) return Array.from(ip.bytes).join('.');
  const g = Array.from(
    { length: 8 },
    (_, i) => ((ip.bytes[2 * i] as number) << 8) | (ip.bytes[2 * i + 1] as number),
  );
  // The WHATWG host serialiser compresses exactly as RFC 5952 says; no need for a second copy of it.
  return new URL(`http://[${g.map((x) => x.toString(16)).join(':')}]/`).hostname.slice(1, -1);
}

/** Whether the first `prefix` bits of two same-family addresses agree. */
export function samePrefix(a: Uint8Array, b: Uint8Array, prefix: number): boolean {
  const whole = prefix >> 3;
  for (let i = 0; i < whole; i++) if (a[i] !== b[i]) return false;
  const rest = prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((a[whole] as number) & mask) === ((b[whole] as number) & mask);
}

/** The address with every bit after `prefix` cleared: the network of a CIDR block. */
export function networkOf(bytes: Uint8Array, prefix: number): Uint8Array {
  const out = Uint8Array.from(bytes);
  for (let bit = prefix; bit < out.length * 8; bit++)
    out[bit >> 3] = (out[bit >> 3] as number) & ~(0x80 >> (bit & 7));
  return out;
}

export interface CidrBlock {
  ip: IpBytes;
  prefix: number;
}

/** `a.b.c.d/n` or `v6/n` with a decimal prefix in range, or undefined. Host bits are kept. */
export function parseCidr(text: string): CidrBlock | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const digits = text.slice(slash + 1);
  if (!ip || !/^(0|[1-9][0-9]{0,2})$/.test(digits)) return undefined;
  const prefix = Number(digits);
  return prefix <= ip.bytes.length * 8 ? { ip, prefix } : undefined;
}

/** Whether two blocks share an address: the shorter prefix decides. */
export function overlaps(a: CidrBlock, b: CidrBlock): boolean {
  return a.ip.family === b.ip.family && samePrefix(a.ip.bytes, b.ip.bytes, Math.min(a.prefix, b.prefix));
}
