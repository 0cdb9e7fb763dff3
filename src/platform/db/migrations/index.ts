// Every migration, in order, listed explicitly: no directory scanning, so it works from dist/ too.
// Names never change once released; add new ones at the end. A migration may differ by dialect.
import type { Migration } from 'kysely';
import type { Dialect } from '../url.js';
import { leases } from './0001_leases.js';
import { phishing } from './0002_phishing.js';
import { phishingAliases } from './0003_phishing_aliases.js';
import { phishingFailingSince } from './0004_phishing_failing_since.js';
import { phishingCaseClaims } from './0005_phishing_case_claims.js';
import { phishingReportCopies } from './0006_phishing_report_copies.js';

export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_leases': leases(dialect),
    '0002_phishing': phishing(dialect),
    '0003_phishing_aliases': phishingAliases(),
    '0004_phishing_failing_since': phishingFailingSince(),
    '0005_phishing_case_claims': phishingCaseClaims(),
    '0006_phishing_report_copies': phishingReportCopies(),
  };
}
