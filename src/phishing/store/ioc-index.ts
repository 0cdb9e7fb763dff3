// What the console's lists and searches need of a stored analysis, as plain columns and IOC rows: the
// verdict, subject, sender, reporter, report kind and the original's Message-ID, and every IOC
// normalised so that one typed by a person (refanged first, see console/search.ts) finds it exactly.
// Every value comes from a mail: it is cut to a length an index takes, and only ever kept as data.
import { domainToASCII } from 'node:url';
import { z } from 'zod';
import type { PhishingReportsTable, VerdictLevel } from './tables.js';

/** Longer values are cut: a subject of a megabyte must not reach a page or a B-tree entry. */
export const TEXT_MAX = 300;
/** Search keys are shorter: PostgreSQL refuses B-tree entries past about 2.7 kB, in bytes. */
export const KEY_MAX = 200;
export const IOC_MAX = 500;

export type IocKind = 'url' | 'domain' | 'ip' | 'email' | 'hash' | 'sender-domain';

/** The report's columns copied from its analysis, and its IOC rows. */
export type ReportIndex = Pick<
  PhishingReportsTable,
  | 'verdict'
  | 'subject'
  | 'subject_key'
  | 'sender'
  | 'sender_key'
  | 'reporter'
  | 'report_kind'
  | 'original_message_id'
> & { iocs: Array<{ kind: IocKind; value: string }> };

// Only what the index reads, each part optional: an old or odd record still gives what it has.
const str = z.string().nullable().optional().catch(null);
const strings = z.array(z.string()).optional().catch([]);
const indexedSchema = z.object({
  subject: str,
  from: str,
  reporter: str,
  kind: str,
  messageId: str,
  analysis: z
    .object({
      verdict: z.object({ level: z.enum(['clean', 'suspicious', 'malicious']) }).optional(),
      iocs: z
        .object({
          urls: strings,
          domains: strings,
          ips: strings,
          emails: strings,
          attachments: z
            .array(z.object({ md5: str, sha1: str, sha256: str }))
            .optional()
            .catch([]),
        })
        .optional(),
    })
    .nullable()
    .optional()
    .catch(null),
});

/** The index of a stored analysis (the JSON of phishing_reports.analysis); undefined when it is not JSON. */
export function reportIndexOf(analysis: string): ReportIndex | undefined {
  let json: unknown;
  try {
    json = JSON.parse(analysis);
  } catch {
    return undefined;
  }
  const r = indexedSchema.safeParse(json);
  if (!r.success) return undefined;
  const d = r.data;
  const iocs = d.analysis?.iocs;
  const rows = new Map<string, { kind: IocKind; value: string }>();
  const add = (kind: IocKind, raw: string | null | undefined) => {
    const value = raw ? normaliseIoc(kind, raw) : '';
    if (value) rows.set(`${kind}\n${value}`, { kind, value });
  };
  for (const u of iocs?.urls ?? []) add('url', u);
  for (const x of iocs?.domains ?? []) add('domain', x);
  for (const x of iocs?.ips ?? []) add('ip', x);
  for (const x of iocs?.emails ?? []) add('email', x);
  for (const a of iocs?.attachments ?? []) for (const h of [a.md5, a.sha1, a.sha256]) add('hash', h);
  const sender = d.from ? cut(d.from, TEXT_MAX) : null;
  if (d.from) {
    add('email', d.from);
    add('sender-domain', d.from.slice(d.from.lastIndexOf('@') + 1));
  }
  return {
    verdict: d.analysis?.verdict?.level ?? null,
    subject: d.subject != null ? cut(d.subject, TEXT_MAX) : null,
    subject_key: d.subject != null ? searchKey(d.subject) : null,
    sender,
    sender_key: d.from ? searchKey(d.from) : null,
    reporter: d.reporter ? cut(d.reporter, TEXT_MAX) : null,
    report_kind: d.kind ? cut(d.kind, 40) : null,
    original_message_id: d.messageId ? cut(d.messageId.trim(), IOC_MAX) : null,
    iocs: [...rows.values()],
  };
}

/**
 * The form an IOC is kept and searched in: URLs as WHATWG URL serialises them (lowercase scheme and
 * host, punycode, a path of at least `/`), domains lowercase in punycode without a trailing dot,
 * addresses and hashes lowercase. Empty for a value that is none of these.
 */
export function normaliseIoc(kind: IocKind, raw: string): string {
  const v = raw.trim();
  if (v === '') return '';
  switch (kind) {
    case 'url': {
      if (v.length > 4 * IOC_MAX) return cut(v, IOC_MAX);
      try {
        return cut(new URL(v).href, IOC_MAX);
      } catch {
        return cut(v.toLowerCase(), IOC_MAX);
      }
    }
    case 'domain':
    case 'sender-domain': {
      const d = v.toLowerCase().replace(/\.$/, '');
      if (d.length > 253) return cut(d, IOC_MAX);
      return cut(domainToASCII(d) || d, IOC_MAX);
    }
    default:
      return cut(v.toLowerCase(), IOC_MAX);
  }
}

/** The lowercased start of a subject or address: what the prefix search compares with. */
export function searchKey(v: string): string {
  return cut(v.trim().toLowerCase(), KEY_MAX);
}

/** At most `max` UTF-16 units, never ending in half a surrogate pair. */
export function cut(v: string, max: number): string {
  if (v.length <= max) return v;
  const end = /[\uD800-\uDBFF]/.test(v.charAt(max - 1)) ? max - 1 : max;
  return v.slice(0, end);
}

const RANK: Record<VerdictLevel, number> = { clean: 1, suspicious: 2, malicious: 3 };

/** The worse of two verdicts; a verdict beats none. */
export function worse(a: VerdictLevel | null, b: VerdictLevel | null): VerdictLevel | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[a] >= RANK[b] ? a : b;
}
