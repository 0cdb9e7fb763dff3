// The shape every feature module exports (phishing, relay, and the jobs still to come). The app's
// registry lists them; the runtime, the server, `config check`, the error catalogue, the dashboard
// and the architecture test all read that one list, so adding a feature is a folder and a line.
import type { FastifyInstance } from 'fastify';
import type { Metric } from 'prom-client';
import type { Store } from '../db/index.js';
import type { ErrorCatalogue } from '../errors.js';
import type { DependencyCheck, HealthRegistry } from '../health/registry.js';
import type { WorkUnit } from '../leases/index.js';
import type { Logger } from '../log.js';
import type { FeatureConfig } from './config.js';
import type { ConsoleSection } from './console.js';
import type { JobInfo, JobStatus, Panel } from './dashboard.js';
import type { MigrationSet } from '../db/migration-set.js';

/**
 * What the app hands a feature when it starts it. `S` is the shared outside clients the feature uses
 * (the Microsoft tenants' clients, say): built once by the app from configuration, so every feature
 * shares one token cache and one connection pool per tenant, and declared by the feature in
 * connector types the platform cannot name.
 */
export interface FeatureContext<C, S = unknown> {
  /** The whole validated configuration, typed as the sections this feature declared. */
  config: C;
  services: S;
  store: Store;
  health: HealthRegistry;
  logger: Logger;
  mode: 'serve' | 'sandbox';
  version: string;
  /**
   * The URL outside callers reach graphsoc at: server.publicUrl, else (in the sandbox, where the
   * emulators run on loopback) the listen address. Undefined until the server listens.
   */
  publicUrl(): string | undefined;
  /** The listen address, once listening (e.g. http://127.0.0.1:8080). */
  listenUrl(): string | undefined;
}

/** A feature running in this instance. */
export interface RunningFeature {
  /** Registered on the one Fastify app after the platform's routes. */
  routes?(app: FastifyInstance): Promise<void>;
  /** Lease-owned background work: each unit runs on one instance at a time. */
  units?: readonly WorkUnit[];
  /** Outside dependencies this feature uses, probed in the background for /readyz and the dashboard. */
  checks?: readonly DependencyCheck[];
  /** Live state of each of the feature's jobs, by job id; a job left out shows as idle. */
  status?(): Promise<Record<string, JobStatus>>;
  /** Extra dashboard sections (a quarantine list, say). */
  panels?(): Promise<Panel[]>;
  /**
   * Rows that only grow (statistics, history) and what deletes the old ones; the app's housekeeping
   * unit runs each now and then, on one instance at a time. Returns how many rows went.
   */
  purges?: ReadonlyArray<{ name: string; run(): Promise<number> }>;
  /** Its pages, actions and overview part in the operator console. */
  console?: ConsoleSection;
  close(): Promise<void>;
}

export interface Feature<C = unknown, S = unknown> {
  /** Folder name and config section root, e.g. `phishing`. */
  readonly name: string;
  /** The dashboard rows this feature answers for. */
  readonly jobs: readonly JobInfo[];
  readonly config: FeatureConfig<C>;
  /** Tables of its own; applied after the platform's, in the migrations' numbered order. */
  readonly migrations?: MigrationSet;
  /** Area title → catalogue; docs/errors.md lists every one. */
  readonly errors: Readonly<Record<string, ErrorCatalogue>>;
  /** Prometheus metrics it updates; the app registers them on the process registry. */
  readonly metrics?: readonly Metric[];
  /** Builds the running feature; called only when `config.enabled(config)` is true. */
  start(ctx: FeatureContext<C, S>): Promise<RunningFeature>;
  /**
   * What `graphsoc config check --online` tries for this feature, when it is enabled: each outside
   * system it will use, reached with the validated configuration and the shared clients but without
   * starting anything (an Archer login and its field names, say). A check resolves when all is well
   * and otherwise throws a coded error, or an AggregateError of several, whose messages say what is
   * wrong without a secret. The app adds each tenant's token and Graph check itself.
   */
  onlineChecks?(config: C, services: S): readonly DependencyCheck[];
}

/** The config type a feature reads. */
export type ConfigOf<F> = F extends Feature<infer C, infer _S> ? C : never;

/** A feature with its config type erased, as the registry holds it. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds features of different config types
export type AnyFeature = Feature<any, any>;
