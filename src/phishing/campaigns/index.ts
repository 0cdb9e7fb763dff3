// Grouping reports into campaigns: one campaign, one Archer incident.
export { type CampaignAliases, type CampaignInputs, campaignAliases, similarityKeys } from './aliases.js';
export {
  type Closeness,
  closeness,
  decide,
  type JoinDecision,
  type SimilarityPolicy,
  similarityPolicySchema,
} from './similarity.js';
