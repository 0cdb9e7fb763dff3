// Validation of one indicator body, shared by submit and import: the enums, required title and
// description, generateAlert for Audit, hashes of the right length, no CIDR, only external IP
// addresses, http(s) URLs. Body parameters are case-sensitive, so only these exact names count.
// https://learn.microsoft.com/defender-endpoint/api/post-ti-indicator
import { isIP } from 'node:net';

const TYPES = [
  'FileSha1',
  'FileSha256',
  'FileMd5',
  'CertificateThumbprint',
  'IpAddress',
  'DomainName',
  'Url',
];
const ACTIONS = ['Warn', 'Block', 'Audit', 'Alert', 'AlertAndBlock', 'BlockAndRemediate', 'Allowed'];
const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'];

const HEX: Record<string, number> = { FileSha1: 40, FileSha256: 64, FileMd5: 32, CertificateThumbprint: 40 };

/** Private, loopback, link-local and similar ranges Defender does not accept as indicators. */
export function isInternalIp(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a = 0, b = 0] = ip.split('.').map(Number);
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      a >= 224
    );
  }
  const v = ip.toLowerCase();
  return v === '::1' || v === '::' || /^f[cd]/.test(v) || /^fe[89ab]/.test(v) || v.startsWith('ff');
}

function valueProblem(type: string, value: string): string | undefined {
  const hexLength = HEX[type];
  if (hexLength !== undefined)
    return new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(value)
      ? undefined
      : `Invalid indicator value '${value}' for indicator type ${type}.`;
  if (type === 'IpAddress') {
    if (value.includes('/')) return 'CIDR notation is not supported for IP indicators.';
    if (isIP(value) === 0) return `Invalid indicator value '${value}' for indicator type IpAddress.`;
    if (isInternalIp(value)) return 'Only external IP addresses can be added as indicators.';
    return undefined;
  }
  if (type === 'DomainName')
    // An IDN top-level domain arrives as punycode (xn--p1ai for .рф), which DNS holds like any other.
    return /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/i.test(
      value,
    )
      ? undefined
      : `Invalid indicator value '${value}' for indicator type DomainName.`;
  if (type === 'Url') {
    try {
      const u = new URL(value);
      if (u.protocol === 'http:' || u.protocol === 'https:') return undefined;
    } catch {
      // answered below
    }
    return `Invalid indicator value '${value}' for indicator type Url.`;
  }
  return undefined;
}

/** The first problem of one indicator body, worded as the API's 400 message; undefined when valid. */
export function validate(b: Record<string, unknown>): string | undefined {
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
  const type = str('indicatorType');
  const value = str('indicatorValue');
  if (!value) return 'indicatorValue is required.';
  if (!type || !TYPES.includes(type)) return `indicatorType must be one of: ${TYPES.join(', ')}.`;
  const action = str('action');
  if (!action || !ACTIONS.includes(action)) return `action must be one of: ${ACTIONS.join(', ')}.`;
  if (!str('title')) return 'title is required.';
  if (!str('description')) return 'description is required.';
  const severity = b.severity;
  if (severity !== undefined && !(typeof severity === 'string' && SEVERITIES.includes(severity)))
    return `severity must be one of: ${SEVERITIES.join(', ')}.`;
  const expires = b.expirationTime;
  if (expires !== undefined && (typeof expires !== 'string' || Number.isNaN(Date.parse(expires))))
    return 'expirationTime is not a valid DateTimeOffset.';
  if (action === 'Audit' && b.generateAlert !== true)
    return 'generateAlert must be set to true when the action is Audit.';
  return valueProblem(type, value);
}
