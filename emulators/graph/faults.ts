// How an injected fault reads as a Graph answer, for a whole request (graph/app.ts) and for one
// $batch item (graph/batch.ts), which differ only in their defaults and malformed body.
import { type FaultRule, retryAfterValue } from '../shared/faults.js';
import {
  graphError,
  type RequestIds,
  serverErrorCode,
  serverErrorMessage,
  unauthenticated,
} from './errors.js';
import type { GraphResponse } from './types.js';

export interface FaultShape {
  /** Status of a rule that names none. */
  defaultStatus: number;
  /** Headers every fault answer carries. */
  headers: Record<string, string>;
  /** The cut-off JSON a malformedBody rule answers, with its headers. */
  malformed: { headers: Record<string, string>; body: string };
}

export function graphFault(rule: FaultRule, ids: RequestIds, shape: FaultShape): GraphResponse {
  if (rule.expiredToken) {
    const r = unauthenticated(ids, 'Access token has expired or is not yet valid.');
    return { ...r, headers: { ...shape.headers, ...r.headers } };
  }
  if (rule.malformedBody) return { status: rule.status ?? 200, ...shape.malformed };
  const status = rule.status ?? shape.defaultStatus;
  const retryAfter = retryAfterValue(rule);
  return graphError(
    ids,
    status,
    rule.code ?? serverErrorCode(status),
    rule.message ?? serverErrorMessage(status),
    { ...shape.headers, ...(retryAfter ? { 'Retry-After': retryAfter } : {}) },
  );
}
