// What the caller tells analysis about its organisation, validated at the edge. Defaults beside the schema.
import { isIP } from 'node:net';
import { z } from 'zod';
import { verdictOptionsSchema } from './verdict-options.js';

const domain = z
  .string()
  .min(1)
  .transform((d) =>
    d
      .trim()
      .toLowerCase()
      .replace(/^\*?\./, ''),
  );

export const analyzeOptionsSchema = z
  .object({
    /** The organisation's own mail domains: never IOCs, and the targets lookalikes imitate. */
    ownDomains: z.array(domain).default([]),
    /** Further benign domains (partners, SaaS): their URLs, addresses and subdomains are dropped. */
    allowDomains: z.array(domain).default([]),
    /**
     * Authserv-ids of your own mail system besides the topmost Authentication-Results header's, e.g. a
     * gateway in front of Microsoft 365 or `mx.microsoft.com` for Microsoft's ARC results behind one.
     */
    authservIds: z.array(z.string().trim().min(1).toLowerCase()).default([]),
    allowIps: z.array(z.string().refine((s) => isIP(s) !== 0, 'not an IP address')).default([]),
    /** Thresholds of the levels and points of the reason codes (phishing.verdict). */
    verdict: verdictOptionsSchema,
    /** SCL at or above this counts as spam (Microsoft: 5 and 6 spam, 9 high confidence). */
    sclHigh: z.number().int().min(-1).max(9).default(5),
    /** BCL at or above this counts as bulk (Microsoft's default bulk threshold is 7). */
    bclHigh: z.number().int().min(0).max(9).default(7),
  })
  .strict();

export type AnalyzeOptions = z.input<typeof analyzeOptionsSchema>;
export type ResolvedAnalyzeOptions = z.output<typeof analyzeOptionsSchema>;
