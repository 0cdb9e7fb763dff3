// The phishing pipeline's state in graphsoc's database.
export { type CampaignRow, CampaignStore, isBehind, needsLookup } from './campaigns.js';
export {
  DEFAULT_RETRY,
  type ReportRow,
  ReportStore,
  type RetryPolicy,
  retryPolicy,
  type SeenMessage,
} from './reports.js';
