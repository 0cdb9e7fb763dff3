// Grouping reports into campaigns: one campaign, one Archer incident.
export { type CampaignAliases, type CampaignInputs, campaignAliases } from './aliases.js';
