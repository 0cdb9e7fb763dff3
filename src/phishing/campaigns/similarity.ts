// How close a report is to an earlier report of a campaign, and whether that is close enough to join
// it. Pure: two template signatures and the policy in, a decision with the reasons an analyst reads
// in the incident out ("body 0.83 similar, same link skeleton").
import { z } from 'zod';
import { decodeSignature, estimatedJaccard, type TemplateSignature } from '../analyze/template/index.js';

/** phishing.campaignSimilarity: the thresholds of grouping by template. */
export const similarityPolicySchema = z
  .object({
    /** Bodies at least this similar (estimated Jaccard of masked word-3-shingles) are one template. */
    body: z.number().min(0.05).max(1).default(0.6),
    /**
     * Bodies at least this similar are one template when they also share the link skeletons, the masked
     * subject or the display name.
     */
    bodyWithEvidence: z.number().min(0.05).max(1).default(0.4),
    /** Bodies of fewer masked words are too short to compare ("Hello", "See attached"). */
    minWords: z.number().int().min(1).max(1000).default(12),
    /** Link skeleton sets at least this similar (Jaccard) count as the same links. */
    links: z.number().min(0.05).max(1).default(0.5),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.bodyWithEvidence > p.body)
      ctx.addIssue({
        code: 'custom',
        path: ['bodyWithEvidence'],
        message: `expected at most campaignSimilarity.body (${p.body}): it is the threshold for bodies that have more in common than their text`,
      });
  })
  .prefault({});

export type SimilarityPolicy = z.infer<typeof similarityPolicySchema>;

export interface Closeness {
  /** Estimated body similarity, null when either body is too short to compare. */
  body: number | null;
  /** Jaccard of the link skeleton sets, null when either has no links. */
  links: number | null;
  sameSubject: boolean;
  sameDisplayName: boolean;
  sameSender: boolean;
}

export interface JoinDecision {
  join: boolean;
  /** For ranking candidates: higher is closer. */
  score: number;
  /** What the two share, as an analyst reads it. */
  because: string;
}

function jaccardOf(a: readonly string[], b: readonly string[]): number {
  const setB = new Set(b);
  let both = 0;
  for (const x of new Set(a)) if (setB.has(x)) both++;
  return both / (new Set([...a, ...b]).size || 1);
}

export function closeness(a: TemplateSignature, b: TemplateSignature, p: SimilarityPolicy): Closeness {
  const sa = a.body && a.words >= p.minWords ? decodeSignature(a.body) : null;
  const sb = b.body && b.words >= p.minWords ? decodeSignature(b.body) : null;
  return {
    body: sa && sb ? estimatedJaccard(sa, sb) : null,
    links: a.urls.length > 0 && b.urls.length > 0 ? jaccardOf(a.urls, b.urls) : null,
    sameSubject: a.subject !== '' && a.subject === b.subject,
    sameDisplayName: a.displayName !== '' && a.displayName === b.displayName,
    sameSender: a.sender !== null && a.sender === b.sender,
  };
}

/**
 * Join when the bodies are one template (similar enough on their own, or somewhat similar with the
 * same links, subject or display name); a body too short to compare joins only on the same subject
 * with the same links, or the same subject, display name and sender domain. A shared sender domain or
 * greeting alone never joins: two unrelated scams from gmail.com saying "Hello" stay apart.
 */
export function decide(c: Closeness, p: SimilarityPolicy): JoinDecision {
  const sameLinks = c.links !== null && c.links >= p.links;
  const evidence = [
    sameLinks ? 'same link skeletons' : '',
    c.sameSubject ? 'same subject pattern' : '',
    c.sameDisplayName ? 'same display name' : '',
    c.sameSender ? 'same sender domain' : '',
  ].filter((x) => x !== '');
  const score = (c.body ?? 0) + 0.1 * evidence.length;
  const because = [...(c.body !== null ? [`body ${c.body.toFixed(2)} similar`] : []), ...evidence].join(', ');
  let join: boolean;
  if (c.body !== null)
    join =
      c.body >= p.body || (c.body >= p.bodyWithEvidence && (sameLinks || c.sameSubject || c.sameDisplayName));
  else join = c.sameSubject && (sameLinks || (c.sameDisplayName && c.sameSender));
  return { join, score, because };
}
