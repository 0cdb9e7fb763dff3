// The mail-dev bench's figures put together from each mail's records, and the per-mail detail lines
// for people tuning rules. Pure: the records and body sets in, plain data out.
import type { AnalyzeRecord } from '../src/phishing/analyze-files/record.js';
import { type CampaignFigures, campaignFigures, campaignIndexes } from './mail-dev-campaigns.js';
import {
  type Judged,
  type Level,
  ruleFirings,
  type VerdictFigures,
  verdictFigures,
} from './mail-dev-figures.js';
import { templates } from './mail-dev-similarity.js';

export interface MailOutcome {
  rel: string;
  folder: string;
  /** The analysis of the mail as it is, and with Microsoft's verdict headers removed. */
  withMs: AnalyzeRecord | undefined;
  withoutMs: AnalyzeRecord | undefined;
  shingles: Uint32Array;
  signature: Uint32Array;
  /** The campaign key the product's assignment gave the mail (mail-dev-replay.ts), and why. */
  campaignKey: string;
  campaignJoin?: string | null;
}

export interface Figures {
  withMicrosoft: VerdictFigures;
  withoutMicrosoft: VerdictFigures;
  /** Reason code → [phish, ham] mails it fired on, analysed with Microsoft's headers. */
  rules: Record<string, [number, number]>;
  campaigns: { phish: CampaignFigures; ham: CampaignFigures };
}

export interface DetailLine {
  file: string;
  folder: string;
  level: Level;
  score: number | null;
  reasons: string[];
  campaignKey: string | null;
  /** Why the product put the mail in its campaign. */
  campaignJoin: string | null;
  /** The product's campaign (replayed without a window) and the template: each named by its first mail. */
  campaign: string;
  template: string | null;
  withoutMicrosoft: { level: Level; score: number | null; reasons: string[] };
}

function judged(folder: string, r: AnalyzeRecord | undefined): Judged & { score: number | null } {
  if (!r || 'error' in r) return { folder, level: 'failed', reasons: [], score: null };
  return {
    folder,
    level: r.verdict.level,
    reasons: r.verdict.reasons.map((x) => x.code),
    score: r.verdict.score,
  };
}

/** Templates and product campaigns of one side (phish or ham), as indexes into `side`. */
function grouping(side: readonly MailOutcome[]) {
  const template = templates(
    side.map((m) => m.shingles),
    side.map((m) => m.signature),
  );
  const campaign = campaignIndexes(side.map((m) => m.campaignKey));
  const bodies = { sets: side.map((m) => m.shingles), sigs: side.map((m) => m.signature) };
  return { template, campaign, figures: campaignFigures(template, campaign, bodies) };
}

export function summarise(mails: readonly MailOutcome[]): { figures: Figures; details: DetailLine[] } {
  const withMs = mails.map((m) => judged(m.folder, m.withMs));
  const withoutMs = mails.map((m) => judged(m.folder, m.withoutMs));
  const phish = mails.filter((m) => m.folder === 'phish');
  const ham = mails.filter((m) => m.folder.startsWith('ham/'));
  const sides = [phish, ham].map((side) => ({ side, ...grouping(side) }));
  const names = new Map<MailOutcome, { campaign: string; template: string | null }>();
  for (const { side, template, campaign } of sides) {
    const size = new Map<number, number>();
    for (const t of template) size.set(t, (size.get(t) ?? 0) + 1);
    for (const [i, m] of side.entries()) {
      const t = template[i] as number;
      names.set(m, {
        campaign: (side[campaign[i] as number] as MailOutcome).rel,
        template: (size.get(t) ?? 0) >= 2 ? (side[t] as MailOutcome).rel : null,
      });
    }
  }
  const details = mails.map((m, i): DetailLine => {
    const w = withMs[i] as ReturnType<typeof judged>;
    const wo = withoutMs[i] as ReturnType<typeof judged>;
    const record = m.withMs && !('error' in m.withMs) ? m.withMs : null;
    return {
      file: m.rel,
      folder: m.folder,
      level: w.level,
      score: w.score,
      reasons: [...w.reasons],
      campaignKey: record ? m.campaignKey : null,
      campaignJoin: m.campaignJoin ?? null,
      campaign: names.get(m)?.campaign ?? m.rel,
      template: names.get(m)?.template ?? null,
      withoutMicrosoft: { level: wo.level, score: wo.score, reasons: [...wo.reasons] },
    };
  });
  return {
    figures: {
      withMicrosoft: verdictFigures(withMs),
      withoutMicrosoft: verdictFigures(withoutMs),
      rules: ruleFirings(withMs),
      campaigns: {
        phish: (sides[0] as (typeof sides)[number]).figures,
        ham: (sides[1] as (typeof sides)[number]).figures,
      },
    },
    details,
  };
}
