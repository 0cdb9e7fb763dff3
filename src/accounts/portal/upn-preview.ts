// The account name a person would most likely get: the policy's first candidate for their name and
// template, then a directory look-up of the first few numbered candidates (behind a verified address
// only) so the page can show the one that is free now. The final name is chosen, and recorded, by the
// provisioning job when the account is created; the page says so.
import { findUserByUpn, type GraphClient } from '../../connectors/microsoft/graph/index.js';
import { accountName, candidates, maxLocalLength, previewAccountName } from '../policy/upn.js';
import type { CompiledTemplate } from '../policy/templates.js';

/** Look-ups at most per preview: a person sees the likely name, not a directory search tool. */
export const PREVIEW_LOOKUPS = 3;

export type Preview = { ok: true; upn: string; checked: boolean } | { ok: false; reason: string };

/** Without `graph` (the session's look-ups are spent) the policy's first candidate, unchecked. */
export async function previewName(
  graph: GraphClient | undefined,
  template: CompiledTemplate,
  name: { given: string; surname: string },
  onLookupFailure: (e: unknown) => void,
): Promise<Preview> {
  const first = previewAccountName(name, template.upn);
  if (!first.ok) return { ok: false, reason: first.reason };
  const domain = template.upn.domain;
  if (graph === undefined) return { ok: true, upn: first.upn, checked: false };
  try {
    for (const local of candidates(first.mailNickname, PREVIEW_LOOKUPS, maxLocalLength(domain))) {
      const { upn } = accountName(local, domain);
      if ((await findUserByUpn(graph, upn)) === undefined) return { ok: true, upn, checked: true };
    }
  } catch (e) {
    onLookupFailure(e);
  }
  return { ok: true, upn: first.upn, checked: false };
}
