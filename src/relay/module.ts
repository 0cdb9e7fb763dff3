// What a relay module is: the claims it needs in its configuration token, the observable types it
// answers, and its handlers. The framework does auth, validation, envelopes and errors around them.
import type { z } from 'zod';
import type { UpstreamWait } from '../platform/http/index.js';
import type { Logger } from '../platform/log.js';
import type { Observable, TriggerParams } from './protocol/schemas.js';

export interface RelayContext<C> {
  /** The module's claims from the verified configuration token. */
  claims: C;
  /** Aborts when the request's deadline passes or the client goes away. */
  signal: AbortSignal;
  deadlineAt: number;
  /** Time spent waiting on outside services; pass it to every outside call (Server-Timing). */
  upstream: UpstreamWait;
  logger: Logger;
  /** Records a soft problem; it is answered as a `warning` next to the data. */
  warn(code: string, message: string): void;
}

/** `data` of observe/deliberate: CTIM bundles such as `{ sightings: { count, docs } }`. */
export type BundleData = Record<string, unknown>;

export interface RelayModule<C = unknown> {
  /** URL segment under /relay/ and the name in config. */
  name: string;
  title: string;
  /** Claims this module needs from the configuration token (e.g. tenant_id, client_secret). */
  claims: z.ZodType<C>;
  /** Observable types the module answers; others are skipped with a warning. */
  observableTypes: readonly string[];
  /** Types /respond/observables accepts, when they differ from observableTypes (e.g. ms_machine_id). */
  respondTypes?: readonly string[];
  health(ctx: RelayContext<C>): Promise<void>;
  observe?(ctx: RelayContext<C>, observables: Observable[]): Promise<BundleData>;
  deliberate?(ctx: RelayContext<C>, observables: Observable[]): Promise<BundleData>;
  refer?(ctx: RelayContext<C>, observables: Observable[]): Promise<unknown[]>;
  respondObservables?(ctx: RelayContext<C>, observables: Observable[]): Promise<unknown[]>;
  respondTrigger?(ctx: RelayContext<C>, params: TriggerParams): Promise<'success' | 'failure'>;
  tiles?(ctx: RelayContext<C>): Promise<unknown[]>;
  tile?(ctx: RelayContext<C>, tileId: string): Promise<unknown>;
  tileData?(ctx: RelayContext<C>, tileId: string, period: string): Promise<unknown>;
}

/** Erases the claim type so modules with different claims share one registry. */
export function defineModule<C>(m: RelayModule<C>): RelayModule<unknown> {
  return m as unknown as RelayModule<unknown>;
}
