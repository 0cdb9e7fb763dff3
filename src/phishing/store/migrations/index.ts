// The phishing job's migrations, in order. Their names were released when the platform still held
// them, so they keep their numbers; a new one takes the next number free across every owner.
import type { MigrationSet } from '../../../platform/db/index.js';
import { phishing } from './0002_phishing.js';
import { phishingAliases } from './0003_phishing_aliases.js';
import { phishingFailingSince } from './0004_phishing_failing_since.js';
import { phishingCaseClaims } from './0005_phishing_case_claims.js';
import { phishingReportCopies } from './0006_phishing_report_copies.js';
import { phishingTemplates } from './0007_phishing_templates.js';
import { phishingConsole } from './0010_phishing_console.js';

export const phishingMigrations: MigrationSet = {
  owner: 'phishing',
  migrations: (dialect) => ({
    '0002_phishing': phishing(dialect),
    '0003_phishing_aliases': phishingAliases(),
    '0004_phishing_failing_since': phishingFailingSince(),
    '0005_phishing_case_claims': phishingCaseClaims(),
    '0006_phishing_report_copies': phishingReportCopies(),
    '0007_phishing_templates': phishingTemplates(),
    '0010_phishing_console': phishingConsole(dialect),
  }),
};
