// Request quotas: GET <baseUrl>/api/1.3/request-quotas (docs.trustar.co/api/v13/request_quotas.html;
// 2.0 has no quota endpoint). Quota checks do not count against the quota, so ping() uses this too.
import { z } from 'zod';
import type { TrustarClient, TrustarRequest } from '../client.js';
import { requestQuotaSchema } from '../schemas.js';
import type { RequestQuota } from '../types.js';

export function getRequestQuotas(client: TrustarClient, o?: TrustarRequest): Promise<RequestQuota[]> {
  return client.get('api/1.3/request-quotas', z.array(requestQuotaSchema).max(100), o);
}

/** Calls left in the tightest quota, and when it resets (ms epoch); undefined without quotas. */
export function quotaLeft(quotas: readonly RequestQuota[]): { left: number; resetsAt: number } | undefined {
  let tightest: { left: number; resetsAt: number } | undefined;
  for (const q of quotas) {
    const left = Math.max(0, q.maxRequests - q.usedRequests);
    if (tightest === undefined || left < tightest.left) tightest = { left, resetsAt: q.nextResetTime };
  }
  return tightest;
}
