// Whether a report goes to Archer, by what the reporter said it is (phishing.reportKinds). Phishing
// reports and plain forwards always do; junk and not-junk reports by policy, so the built-in Report
// button's "Not junk" (a user rescuing a newsletter from the junk folder) opens no security incident
// unless the analysis finds the message suspicious.
import type { VerdictLevel } from '../analyze/index.js';
import type { PhishingConfig } from '../config.js';
import type { ReportKind } from '../parse/index.js';

export function shouldFile(
  kind: ReportKind | undefined,
  level: VerdictLevel | null,
  policy: PhishingConfig['reportKinds'],
): boolean {
  const p = kind === 'junk' ? policy.junk : kind === 'not-junk' ? policy.notJunk : 'file';
  if (p === 'file') return true;
  if (p === 'ifSuspicious') return level === 'suspicious' || level === 'malicious';
  return p === 'ifMalicious' && level === 'malicious';
}
