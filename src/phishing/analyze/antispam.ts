// Exchange Online Protection's verdict headers: SCL, BCL, PCL and the X-Forefront-Antispam-Report fields.
// https://learn.microsoft.com/defender-office-365/message-headers-eop-mdo
import { firstHeader } from './headers.js';
import type { ParsedMessage } from '../parse/index.js';

export interface AntiSpam {
  /** Spam confidence level, -1 … 9; null when absent. */
  scl: number | null;
  /** Bulk complaint level, 0 … 9. */
  bcl: number | null;
  /** Phishing confidence level (older tenants). */
  pcl: number | null;
  /** X-Forefront-Antispam-Report, field by field (SFV, SCL, CAT, IPV, CIP, CTRY, LANG, PTR, …). */
  report: Record<string, string>;
}

function level(text: string | null | undefined): number | null {
  if (text === null || text === undefined || !/^\s*-?\d+\s*$/.test(text)) return null;
  return Number(text);
}

/** `KEY:value;KEY:value;` as Microsoft writes these headers. Values may contain `:` (CIP of IPv6). */
export function semicolonFields(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(';')) {
    const at = part.indexOf(':');
    if (at <= 0) continue;
    const key = part.slice(0, at).trim().toUpperCase();
    if (key && !(key in out)) out[key] = part.slice(at + 1).trim();
  }
  return out;
}

export function antiSpam(message: ParsedMessage): AntiSpam {
  const report = semicolonFields(firstHeader(message, 'X-Forefront-Antispam-Report') ?? '');
  const ms = semicolonFields(firstHeader(message, 'X-Microsoft-Antispam') ?? '');
  return {
    scl: level(firstHeader(message, 'X-MS-Exchange-Organization-SCL')) ?? level(report.SCL),
    bcl: level(ms.BCL),
    pcl: level(ms.PCL) ?? level(firstHeader(message, 'X-MS-Exchange-Organization-PCL')),
    report,
  };
}
