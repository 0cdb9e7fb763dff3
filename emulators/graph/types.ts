// The request and response shapes Graph handlers work with, for direct calls and $batch items alike.
import type { Principal } from '../identity/caller.js';

export type { Principal };

export interface GraphCall {
  method: string;
  version: 'v1.0' | 'beta';
  /** Path after the version, e.g. "/users/abc". */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: unknown;
  principal: Principal;
  requestId: string;
  clientRequestId: string;
  batched: boolean;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export const GRAPH_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
