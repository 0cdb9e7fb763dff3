// Table types of graphsoc's database as kysely sees them. Times are epoch milliseconds (bigint in
// PostgreSQL, integer in SQLite; the pool parses int8 to number).
import type { Generated } from 'kysely';

export interface LeasesTable {
  name: string;
  owner: string;
  /** Fencing token: grows by one on every acquisition, so work of an earlier owner can be told apart. */
  epoch: number;
  acquired_at: number;
  renewed_at: number;
  expires_at: number;
  /** Set when the owner gave the lease up on a clean stop; the next owner need not wait for expiry. */
  released_at: number | null;
}

export type LeaseEventKind = 'acquired' | 'taken-over' | 'released' | 'lost';

export interface LeaseEventsTable {
  id: Generated<number>;
  name: string;
  owner: string;
  epoch: number;
  event: LeaseEventKind;
  at: number;
  /** For `taken-over`: the previous owner, its epoch and when its lease expired. */
  detail: string | null;
}

/** Small named state of later features: cursors, delta links, last-run markers. */
export interface KvStateTable {
  key: string;
  value: string;
  updated_at: number;
}

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
  created_at: number;
  updated_at: number;
}

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
  updated_at: number;
}

export interface PhishingCampaignAliasesTable {
  alias: string;
  campaign_key: string;
  last_seen_at: number;
}

export interface Database {
  leases: LeasesTable;
  lease_events: LeaseEventsTable;
  kv_state: KvStateTable;
  phishing_reports: PhishingReportsTable;
  phishing_campaigns: PhishingCampaignsTable;
  phishing_campaign_aliases: PhishingCampaignAliasesTable;
}
