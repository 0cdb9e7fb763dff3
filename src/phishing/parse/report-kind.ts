// What the reporter said the message is, from the report mail's subject. Report buttons that deliver to
// a reporting mailbox mark it with a prefix (Microsoft's documented format for reporting mailboxes:
// "1|" or "Junk:", "2|" or "Not junk:", "3|" or "Phishing:"), and the built-in Report button sends
// all three kinds there by default. A mail without one (a user forwarding to the abuse address) reports
// something suspicious.
export type ReportKind = 'phishing' | 'junk' | 'not-junk' | 'unspecified';

const PREFIXES: ReadonlyArray<readonly [RegExp, ReportKind]> = [
  [/^\s*(?:1\s*\||junk\s*:)/i, 'junk'],
  [/^\s*(?:2\s*\||not[\s-]?junk\s*:)/i, 'not-junk'],
  [/^\s*(?:3\s*\||phish(?:ing)?\s*:)/i, 'phishing'],
];

export function reportKind(reportSubject: string): ReportKind {
  for (const [prefix, kind] of PREFIXES) if (prefix.test(reportSubject)) return kind;
  return 'unspecified';
}
