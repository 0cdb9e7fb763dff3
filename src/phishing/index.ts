// The phishing job: the sole entry point for the app and the CLI.
export { type PhishingAppConfig, type PhishingConfig, phishingConfig, phishingSchema } from './config.js';
export { phishing } from './feature.js';
export type { PhishingServices } from './run/start.js';
export { CampaignStore, phishingMigrations, ReportStore } from './store/index.js';
