// What the provisioning engine and the expiry unit are given (their deps), and what one step of one
// request sees: the request as loaded, its template, Graph read options, and `write`, which sends a
// Graph write through the pacer and then calls the test hook (a crash injected right after a call,
// before its record).
import type { GraphCallOptions, GraphClient } from '../../connectors/microsoft/graph/index.js';
import type { Clock } from '../../platform/http/index.js';
import type { Logger } from '../../platform/log.js';
import type { AccountsConfig } from '../config.js';
import type { CompiledTemplate } from '../policy/templates.js';
import type { AccountsAudit } from '../store/audit.js';
import type { AccountRequest, AccountRequests } from '../store/requests.js';
import { ProvisionRefusedError } from './errors.js';
import type { WritePacer } from './pacer.js';
import type { SkuCache } from './sku-cache.js';

/** The mails the feature sends about an account: ready, about to expire, disabled. */
export type NotifyWhat = 'ready' | 'expiring' | 'disabled';

/** Graph calls the hook is told about, right after each returned. */
export type GraphCallName =
  | 'createUser'
  | 'assignLicense'
  | 'addGroupMember'
  | 'createGroup'
  | 'notify'
  | 'disableUser'
  | 'deleteUser';

export interface ProvisionerDeps {
  config: AccountsConfig;
  /** Compiled templates by name. */
  templates: ReadonlyMap<string, CompiledTemplate>;
  requests: AccountRequests;
  audit: AccountsAudit;
  graph: GraphClient;
  /** The lead wires mail and the status link into it; it throws when the mail could not be sent. */
  notify: (r: AccountRequest, what: NotifyWhat) => Promise<void>;
  clock?: Clock;
  logger: Logger;
  /** Shared by the provisioner and the expiry unit of one tenant; made from config when absent. */
  pacer?: WritePacer;
  random?: () => number;
  /** Longest sleep of the unit between runs when nothing is due sooner (default 30 s). */
  pollIntervalMs?: number;
  /**
   * How long a group recorded but not found waits before it is created (an earlier try may have made
   * it and replication hides it); default 30 s.
   */
  groupSettleMs?: number;
  /** Test hook: called right after each Graph call returned, before anything is recorded. */
  afterGraphCall?: (call: GraphCallName, r: AccountRequest) => void | Promise<void>;
}

export interface StepContext {
  readonly deps: ProvisionerDeps;
  readonly r: AccountRequest;
  readonly signal: AbortSignal;
  readonly clock: Clock;
  readonly skus: SkuCache;
  readonly groupSettleMs: number;
  /** Options of a Graph read. */
  readonly read: GraphCallOptions;
  /** One Graph write, paced, not retried by the client (the pacer repeats 429s, the engine the rest). */
  write<T>(call: GraphCallName, send: (o: GraphCallOptions) => Promise<T>): Promise<T>;
}

export function templateOf(ctx: StepContext): CompiledTemplate {
  const t = ctx.deps.templates.get(ctx.r.template);
  if (!t) throw new ProvisionRefusedError('TEMPLATE_UNKNOWN', `No template named ${ctx.r.template}`);
  return t;
}

/** Calls the test hook, if any. */
export async function afterCall(
  deps: ProvisionerDeps,
  call: GraphCallName,
  r: AccountRequest,
): Promise<void> {
  await deps.afterGraphCall?.(call, r);
}
