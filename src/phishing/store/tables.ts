// Table types of the phishing job's own tables as kysely sees them (migrations in ./migrations).
// Times are epoch milliseconds.
import type { Generated, Kysely } from 'kysely';
import type { Database } from '../../platform/db/index.js';

/** Where a reported message stands: waiting for its next step, finished, or set aside after failures. */
export type PhishingReportState = 'pending' | 'done' | 'quarantined';
/** The last step a report completed, in pipeline order. */
export type PhishingReportStep = 'fetched' | 'analysed' | 'cased' | 'notified' | 'moved';

export interface PhishingReportsTable {
  id: Generated<number>;
  mailbox: string;
  message_id: string;
  internet_message_id: string | null;
  received_at: number;
  state: PhishingReportState;
  step: PhishingReportStep;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  campaign_key: string | null;
  /** The analysis as JSON, kept so a retry of a later step does not parse again. */
  analysis: string | null;
  /** The report's MIME until the report is done (the original goes to Archer as an attachment). */
  mime: Uint8Array | null;
  /** Start of the current run of outage failures (network, 429, 5xx); null when the last step went well. */
  failing_since: number | null;
  /** Why the report joined its campaign (Message-ID, fingerprint, or which similarities), for the incident. */
  campaign_join: string | null;
  // Copied from the analysis when it is stored (0010), for the console's lists and searches: the JSON
  // is neither indexed nor cheap to read for a page of a hundred rows. Null before the analysis.
  verdict: VerdictLevel | null;
  subject: string | null;
  /** The subject lowercased and cut, for the prefix search (byte order, "C" collation on PostgreSQL). */
  subject_key: string | null;
  /** The reported original's From. */
  sender: string | null;
  sender_key: string | null;
  /** The report mail's From. */
  reporter: string | null;
  report_kind: string | null;
  /** The reported original's Message-ID (not the report mail's: that is internet_message_id). */
  original_message_id: string | null;
  created_at: number;
  updated_at: number;
}

export type VerdictLevel = 'clean' | 'suspicious' | 'malicious';

export interface PhishingCampaignsTable {
  key: string;
  archer_content_id: number | null;
  create_started_at: number | null;
  report_count: number;
  version: number;
  applied_version: number;
  first_report_at: number;
  last_report_at: number;
  /** The worker writing the Archer record now (its mailbox), and until when its claim holds. */
  case_owner: string | null;
  case_claimed_until: number | null;
  /** The worst verdict of its reports, and its first report's subject (0010), for the console. */
  verdict: VerdictLevel | null;
  subject: string | null;
  updated_at: number;
}

export interface PhishingCampaignAliasesTable {
  alias: string;
  campaign_key: string;
  last_seen_at: number;
}

export interface PhishingReportTemplatesTable {
  report_id: number;
  campaign_key: string;
  seen_at: number;
  /** TemplateSignature as JSON. */
  template: string;
}

/** One IOC of a report, normalised (store/ioc-index.ts), for the console's exact search. */
export interface PhishingReportIocsTable {
  report_id: number;
  kind: string;
  value: string;
}

// A type, not an interface: kysely's withTables wants a type with an implicit index signature.
export type PhishingTables = {
  phishing_reports: PhishingReportsTable;
  phishing_campaigns: PhishingCampaignsTable;
  phishing_campaign_aliases: PhishingCampaignAliasesTable;
  phishing_report_templates: PhishingReportTemplatesTable;
  phishing_report_iocs: PhishingReportIocsTable;
};

/** The database as the phishing stores see it: the platform's tables and the job's own. */
export type PhishingDb = Kysely<Database & PhishingTables>;

/** The phishing tables on a store's connection; the platform's type knows only its own tables. */
export function phishingDb(db: Kysely<Database>): PhishingDb {
  return db.withTables<PhishingTables>();
}
