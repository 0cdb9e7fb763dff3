// Shapes shared by the Defender emulator's routes.
import type { Principal } from '../identity/caller.js';
import type { DefenderResponse } from './errors.js';
import type { TenantDefender } from './store.js';

export interface DefenderCall {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  principal: Principal;
  requestId: string;
  tenant: TenantDefender;
  /** How long new machine actions stay Pending. */
  completionMs: number;
  /** The request's absolute URL as the caller addressed it (for @odata.nextLink). */
  url: URL;
  /** The emulator's clock at the call, epoch ms. */
  nowMs: number;
  /** Live indicators the tenant may hold. */
  indicatorCap: number;
}

export interface DefenderRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** Fastify route pattern under the listener root, e.g. /api/machines/:id. */
  url: string;
  /** The caller needs one of these application roles. */
  roles: readonly string[];
  /** Calls counted together against the documented per-API limits; omitted = not limited. */
  rateApi?: string;
  /** Counted against the bulk APIs' lower limits (import, BatchDelete: 30 a minute). */
  bulk?: boolean;
  handle(call: DefenderCall): DefenderResponse;
}
