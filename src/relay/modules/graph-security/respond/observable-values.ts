// Which observables the respond actions take, and how each value must look before it goes to
// Defender for Endpoint: strict per-type shapes, so hostile values never reach a URL or a filter.
import { isIP } from 'node:net';
import { z } from 'zod';
import type { IndicatorType } from '../../../../connectors/microsoft/defender/index.js';

/** An MDE machine id: the 40 hex digits Defender assigns (deviceEvidence.mdeDeviceId). */
export const machineIdSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{40}$/, 'expected a Defender for Endpoint machine id (40 hex digits)')
  .transform((s) => s.toLowerCase());

const hostname = z
  .string()
  .max(253)
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9](?:[a-z0-9-]{0,62}))*$/i,
    'expected a host name (letters, digits, hyphens and dots)',
  )
  .transform((s) => s.toLowerCase());

const hex = (n: number) =>
  z
    .string()
    .regex(new RegExp(`^[0-9a-fA-F]{${n}}$`), `expected ${n} hex digits`)
    .transform((s) => s.toLowerCase());

const domain = z
  .string()
  .max(253)
  .regex(
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
    'expected a domain name such as evil.example',
  )
  .transform((s) => s.toLowerCase());

const url = z
  .string()
  .max(2048)
  .refine(
    (s) => ![...s].some((ch) => /\s/.test(ch) || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f),
    'expected a URL without spaces or control characters',
  )
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), 'expected an http(s) URL');

/**
 * Private, loopback, link-local, shared, multicast and reserved addresses. Defender takes only
 * external IP addresses as indicators ("Only external IPs can be added to the indicator list"), and
 * blocking an address of our own network is never what an analyst wants from a relay button.
 */
export function isInternalIp(ip: string): boolean {
  const v = ip.toLowerCase();
  if (isIP(v) === 4) {
    const [a = 0, b = 0] = v.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      a >= 224 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    );
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v)?.[1];
  if (mapped) return isInternalIp(mapped);
  return v === '::' || v === '::1' || /^f[cd]/.test(v) || /^fe[89ab]/.test(v) || v.startsWith('ff');
}

const ip = (version: 4 | 6) =>
  z
    .string()
    .refine((s) => isIP(s) === version, `expected an IPv${version} address`)
    .refine((s) => !isInternalIp(s), 'internal addresses cannot be Defender indicators')
    .transform((s) => s.toLowerCase());

/** Observable type → Defender indicator type and value shape. */
export const INDICATOR_TYPES = {
  sha1: { indicatorType: 'FileSha1', value: hex(40) },
  sha256: { indicatorType: 'FileSha256', value: hex(64) },
  md5: { indicatorType: 'FileMd5', value: hex(32) },
  ip: { indicatorType: 'IpAddress', value: ip(4) },
  ipv6: { indicatorType: 'IpAddress', value: ip(6) },
  domain: { indicatorType: 'DomainName', value: domain },
  url: { indicatorType: 'Url', value: url },
} as const satisfies Record<string, { indicatorType: IndicatorType; value: z.ZodType<string> }>;

export type IndicatorObservableType = keyof typeof INDICATOR_TYPES;

export const MACHINE_TYPES = {
  ms_machine_id: machineIdSchema,
  hostname,
} as const;
export type MachineObservableType = keyof typeof MACHINE_TYPES;

export const RESPOND_TYPES: readonly string[] = [
  ...Object.keys(MACHINE_TYPES),
  ...Object.keys(INDICATOR_TYPES),
];

export function isIndicatorType(t: string): t is IndicatorObservableType {
  return Object.hasOwn(INDICATOR_TYPES, t);
}

export function isMachineType(t: string): t is MachineObservableType {
  return Object.hasOwn(MACHINE_TYPES, t);
}

/** File hashes are blocked and remediated; network indicators can only be blocked. */
export function isFileIndicator(t: IndicatorObservableType): boolean {
  return t === 'sha1' || t === 'sha256' || t === 'md5';
}
