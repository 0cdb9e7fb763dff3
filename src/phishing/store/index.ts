// The phishing pipeline's state in graphsoc's database: its tables, migrations and every query on them.
export { type AssignOptions, assignCampaign } from './campaign-assign.js';
export { type CampaignRow, CampaignStore, isBehind, needsLookup } from './campaigns.js';
export { errors, StoredRecordError } from './errors.js';
export { phishingMigrations } from './migrations/index.js';
export { recordOf } from './record-schema.js';
export { type ReportCounts, type ReportRow, ReportStore, type SeenMessage } from './reports.js';
export { DEFAULT_RETRY, type RetryPolicy, retryPolicy } from './retry-policy.js';
export {
  type PhishingReportState,
  type PhishingReportStep,
  type PhishingTables,
  phishingDb,
} from './tables.js';
