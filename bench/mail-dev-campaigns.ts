// Campaign figures of the bench: the product's grouping (mail-dev-replay.ts forms it with the
// pipeline's own assignment) beside the template ground truth.
import { estimatedJaccard, jaccard } from './mail-dev-similarity.js';

/** Bodies this far apart share nothing worth the name: such a pair makes a campaign "mixed". */
export const MIXED_BELOW = 0.1;
/** Above this MinHash estimate a pair cannot be below MIXED_BELOW exactly (120 hashes); not checked. */
const SURELY_ABOVE = 0.3;

/** Each mail's campaign, as the index of its first member, from each mail's campaign key. */
export function campaignIndexes(keys: readonly string[]): number[] {
  const first = new Map<string, number>();
  return keys.map((k, i) => {
    const seen = first.get(k);
    if (seen !== undefined) return seen;
    first.set(k, i);
    return i;
  });
}

export interface Bodies {
  sets: readonly Uint32Array[];
  sigs: readonly Uint32Array[];
}

/** Whether two members of a group have bodies that share (almost) nothing. */
function isMixed(members: readonly number[], b: Bodies): boolean {
  for (let x = 1; x < members.length; x++) {
    for (let y = 0; y < x; y++) {
      const i = members[x] as number;
      const j = members[y] as number;
      if (estimatedJaccard(b.sigs[i] as Uint32Array, b.sigs[j] as Uint32Array) > SURELY_ABOVE) continue;
      if (jaccard(b.sets[i] as Uint32Array, b.sets[j] as Uint32Array) < MIXED_BELOW) return true;
    }
  }
  return false;
}

function byGroup(ids: readonly number[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const [i, g] of ids.entries()) {
    const list = out.get(g);
    if (list) list.push(i);
    else out.set(g, [i]);
  }
  return out;
}

export interface CampaignFigures {
  mails: number;
  /** Mails with no visible words: they join no template. */
  withoutText: number;
  /** Templates of two mails or more, and the mails in them. */
  templates: number;
  templateMails: number;
  /** Product campaigns per template, averaged over the templates of two mails or more. */
  campaignsPerTemplate: number;
  /** Templates whose mails the product put in more than one campaign. */
  templatesSplit: number;
  /** The largest template: its mails and the product campaigns they are in. */
  largestTemplate: { mails: number; campaigns: number };
  /** Product campaigns of two mails or more, and those holding a pair of bodies below MIXED_BELOW. */
  productCampaigns: number;
  mixedCampaigns: number;
  mixedCampaignMails: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function campaignFigures(
  template: readonly number[],
  campaign: readonly number[],
  bodies: Bodies,
): CampaignFigures {
  const templatesOf = [...byGroup(template).values()].filter((m) => m.length >= 2);
  const splits = templatesOf.map((m) => new Set(m.map((i) => campaign[i])).size);
  let largest = { mails: 0, campaigns: 0 };
  for (const [k, m] of templatesOf.entries())
    if (m.length > largest.mails) largest = { mails: m.length, campaigns: splits[k] as number };
  const campaigns = [...byGroup(campaign).values()].filter((m) => m.length >= 2);
  const mixed = campaigns.filter((m) => isMixed(m, bodies));
  return {
    mails: template.length,
    withoutText: bodies.sets.filter((s) => s.length === 0).length,
    templates: templatesOf.length,
    templateMails: templatesOf.reduce((n, m) => n + m.length, 0),
    campaignsPerTemplate: round2(splits.reduce((n, s) => n + s, 0) / Math.max(1, splits.length)),
    templatesSplit: splits.filter((s) => s > 1).length,
    largestTemplate: largest,
    productCampaigns: campaigns.length,
    mixedCampaigns: mixed.length,
    mixedCampaignMails: mixed.reduce((n, m) => n + m.length, 0),
  };
}
