// The management-plane read of a workspace's indicators, served on the Sentinel listener under its
// ARM path: POST …/workspaces/{name}/providers/Microsoft.SecurityInsights/threatIntelligence/main/
// queryIndicators, filtered by sources, validity window, keywords and revocation, paged by pageSize
// with a skipToken that comes back in nextLink (and may be posted in the body, as clients do).
// https://learn.microsoft.com/rest/api/securityinsights/threat-intelligence-indicators/query-indicators
import { z } from 'zod';
import { decodeToken, encodeToken, guidFromName } from '../shared/ids.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { AUTH_MESSAGES, authorize } from './auth.js';
import { armError, type SentinelResponse } from './errors.js';
import type { SentinelState, Workspace } from './store.js';
import { compareTimestamps, isTimestamp } from './timestamps.js';
import type { SentinelObjectRecord } from './types.js';

const API_VERSION = /^\d{4}-\d{2}-\d{2}(-preview)?$/;
const TOKEN_PREFIX = 'ti.';

const queryBody = z.looseObject({
  pageSize: z.number().int().min(1).max(100).optional(),
  skipToken: z.string().max(200).optional(),
  sources: z.array(z.string().max(200)).max(100).optional(),
  keywords: z.string().max(500).optional(),
  includeDisabled: z.boolean().optional(),
  minValidUntil: z.string().refine(isTimestamp).optional(),
  maxValidUntil: z.string().refine(isTimestamp).optional(),
});

export interface QueryRequest {
  path: { subscriptionId: string; resourceGroup: string; workspaceName: string };
  /** The URL the request came to, for nextLink. */
  url: URL;
  apiVersion: string | null;
  skipToken: string | null;
  authorization: string | undefined;
  body: unknown;
}

export async function queryIndicators(
  ctx: EmulatorContext,
  state: SentinelState,
  r: QueryRequest,
): Promise<SentinelResponse> {
  if (!r.apiVersion || !API_VERSION.test(r.apiVersion))
    return armError(400, 'InvalidApiVersionParameter', `The api-version '${r.apiVersion ?? ''}' is invalid.`);
  const ws = state.byArmPath(r.path.subscriptionId, r.path.resourceGroup, r.path.workspaceName);
  const auth = await authorize(ctx, r.authorization, ws);
  if ('failure' in auth) {
    if (auth.failure === 'wrong-tenant' || auth.failure === 'not-contributor')
      return armError(
        403,
        'AuthorizationFailed',
        'The client does not have authorization to perform action.',
      );
    return armError(401, 'InvalidAuthenticationToken', AUTH_MESSAGES[auth.failure]);
  }
  if (!ws)
    return armError(404, 'ResourceNotFound', `The workspace '${r.path.workspaceName}' could not be found.`);
  const parsed = queryBody.safeParse(r.body ?? {});
  if (!parsed.success) return armError(400, 'BadRequest', parsed.error.issues[0]?.message ?? 'Bad request');
  const q = parsed.data;
  const token = q.skipToken ?? r.skipToken;
  const offset = token === undefined || token === null ? 0 : decodeToken(TOKEN_PREFIX, token);
  if (typeof offset !== 'number' || offset < 0)
    return armError(400, 'BadRequest', 'The skipToken is invalid.');
  const matching = [...ws.objects.values()].filter((o) => matches(o, q));
  const size = q.pageSize ?? 100;
  const page = matching.slice(offset, offset + size);
  const next = offset + size < matching.length ? encodeToken(TOKEN_PREFIX, offset + size) : undefined;
  const nextLink = next === undefined ? undefined : new URL(r.url);
  nextLink?.searchParams.set('$skipToken', next as string);
  return {
    status: 200,
    body: { value: page.map((o) => armIndicator(ws, o)), ...(nextLink ? { nextLink: nextLink.href } : {}) },
  };
}

function matches(o: SentinelObjectRecord, q: z.infer<typeof queryBody>): boolean {
  const x = o.object;
  if (x.type !== 'indicator') return false;
  if (!q.includeDisabled && o.revoked) return false;
  if (q.sources && !q.sources.includes(o.sourceSystem)) return false;
  const until = typeof x.valid_until === 'string' ? x.valid_until : undefined;
  if (q.minValidUntil && (until === undefined || compareTimestamps(until, q.minValidUntil) < 0)) return false;
  if (q.maxValidUntil && until !== undefined && compareTimestamps(until, q.maxValidUntil) > 0) return false;
  if (q.keywords) {
    const k = q.keywords.toLowerCase();
    const text = `${String(x.pattern ?? '')} ${String(x.name ?? '')} ${String(x.description ?? '')}`;
    if (!text.toLowerCase().includes(k)) return false;
  }
  return true;
}

/** An indicator as ARM shows it: a resource with a name of its own and the STIX fields renamed. */
function armIndicator(ws: Workspace, o: SentinelObjectRecord) {
  const x = o.object;
  const name = guidFromName(`${ws.workspaceId}|${o.id}`);
  return {
    id: `/subscriptions/${ws.subscriptionId}/resourceGroups/${ws.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${ws.workspaceName}/providers/Microsoft.SecurityInsights/threatIntelligence/main/indicators/${name}`,
    name,
    type: 'Microsoft.SecurityInsights/threatIntelligence',
    kind: 'indicator',
    properties: {
      externalId: o.id,
      source: o.sourceSystem,
      displayName: x.name,
      description: x.description,
      pattern: x.pattern,
      patternType: x.pattern_type,
      validFrom: x.valid_from,
      validUntil: x.valid_until,
      created: x.created,
      lastUpdatedTimeUtc: o.updatedAt,
      revoked: o.revoked,
      confidence: x.confidence,
      threatIntelligenceTags: x.labels ?? [],
    },
  };
}
