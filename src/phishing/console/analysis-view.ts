// What the pages show of a stored analysis: the verdict's reasons and score, the IOCs, authentication
// results and whether the analysis was whole. Read leniently: a record of another version shows what
// it has, and a record that does not read shows nothing rather than failing the page.
import { z } from 'zod';

const strs = z.array(z.string()).catch([]);
const nstr = z.string().nullable().optional().catch(null);

const viewSchema = z.object({
  incomplete: z.string().optional().catch(undefined),
  unparseable: z.string().optional().catch(undefined),
  analysis: z
    .object({
      verdict: z
        .object({
          score: z.number().catch(0),
          reasons: z
            .array(
              z.object({
                code: z.string().catch(''),
                points: z.number().catch(0),
                text: z.string().catch(''),
              }),
            )
            .catch([]),
        })
        .optional()
        .catch(undefined),
      auth: z.object({ spf: nstr, dkim: nstr, dmarc: nstr }).optional().catch(undefined),
      iocs: z
        .object({
          urls: strs,
          domains: strs,
          ips: strs,
          emails: strs,
          attachments: z
            .array(z.object({ name: z.string().catch(''), sha256: z.string().catch('') }))
            .catch([]),
        })
        .optional()
        .catch(undefined),
    })
    .nullable()
    .optional()
    .catch(null),
});

export interface AnalysisView {
  score: number | null;
  reasons: Array<{ code: string; points: number; text: string }>;
  iocs: string[];
  auth: { spf: string | null; dkim: string | null; dmarc: string | null } | null;
  incomplete?: string;
  unparseable?: string;
}

export function analysisView(json: string | null): AnalysisView | undefined {
  if (!json) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  const r = viewSchema.safeParse(raw);
  if (!r.success) return undefined;
  const a = r.data.analysis;
  const i = a?.iocs;
  return {
    score: a?.verdict?.score ?? null,
    reasons: a?.verdict?.reasons ?? [],
    // URLs first: what an analyst blocks; then hosts, addresses, and attachment hashes.
    iocs: i
      ? [
          ...i.urls,
          ...i.domains,
          ...i.ips,
          ...i.emails,
          ...i.attachments.map((x) => x.sha256).filter(Boolean),
        ]
      : [],
    auth: a?.auth
      ? { spf: a.auth.spf ?? null, dkim: a.auth.dkim ?? null, dmarc: a.auth.dmarc ?? null }
      : null,
    ...(r.data.incomplete ? { incomplete: r.data.incomplete } : {}),
    ...(r.data.unparseable ? { unparseable: r.data.unparseable } : {}),
  };
}
