// Defender for Endpoint state per tenant: machines, machine actions and indicators, kept as the JSON
// the MDE API returns, plus what each tenant's callers did (calls per API, 429s). Machine actions
// start Pending and read as Succeeded once `actionCompletionMs` has passed, so a client sees the
// documented life cycle without a background timer.
import { newGuid } from '../shared/ids.js';
import { PerTenant } from '../shared/per-key.js';
import { DEFAULT_INDICATOR_CAP, IndicatorStore } from './indicator-store.js';
import { DefenderRateLimit } from './rate.js';

/** How long a new machine action stays Pending unless the options or the control API say otherwise. */
export const DEFAULT_ACTION_COMPLETION_MS = 2000;

export type DefenderObject = Record<string, unknown> & { id: string };

export interface DefenderData {
  machines?: Array<Record<string, unknown>>;
  machineActions?: Array<Record<string, unknown>>;
  indicators?: Array<Record<string, unknown>>;
}

export class TenantDefender {
  readonly machines = new Map<string, DefenderObject>();
  /** Oldest first. */
  readonly actions: DefenderObject[] = [];
  readonly indicators = new IndicatorStore();
  /** Authenticated calls per API (the route's rate API, or its URL pattern). */
  readonly calls = new Map<string, number>();
  /** Calls answered 429 by the per-API limits. */
  throttled = 0;

  add(data: DefenderData): void {
    for (const m of data.machines ?? []) {
      const id = requireId(m).toLowerCase();
      this.machines.set(id, machineDefaults({ ...m, id }));
    }
    for (const a of data.machineActions ?? []) this.actions.push({ ...a, id: requireId(a) });
    for (const i of data.indicators ?? []) this.indicators.seed(i);
  }

  /** Actions of a machine, newest first, with Pending ones settled by now. */
  actionsOf(machineId: string, completionMs: number): DefenderObject[] {
    return this.actions
      .filter((a) => a.machineId === machineId)
      .map((a) => settle(a, completionMs))
      .reverse();
  }

  addAction(machine: DefenderObject, type: string, caller: string, comment: string): DefenderObject {
    const now = new Date().toISOString();
    const action: DefenderObject = {
      id: newGuid(),
      type,
      scope: null,
      requestor: caller,
      requestorComment: comment,
      status: 'Pending',
      machineId: machine.id,
      computerDnsName: machine.computerDnsName ?? null,
      creationDateTimeUtc: now,
      lastUpdateDateTimeUtc: now,
      relatedFileInfo: null,
    };
    this.actions.push(action);
    return action;
  }
}

export class DefenderState {
  private readonly tenants = new PerTenant(() => new TenantDefender());
  /** How long a new machine action stays Pending. */
  actionCompletionMs: number;
  readonly rate: DefenderRateLimit;
  /** Live indicators a tenant may hold; new ones past it fail per item. */
  indicatorCap = DEFAULT_INDICATOR_CAP;

  constructor(
    private readonly initialCompletionMs = DEFAULT_ACTION_COMPLETION_MS,
    /** The emulator's clock (expiry, rate windows); tests may pass their own. */
    readonly now: () => number = Date.now,
  ) {
    this.actionCompletionMs = initialCompletionMs;
    this.rate = new DefenderRateLimit(now);
  }

  of(tenantId: string): TenantDefender {
    return this.tenants.of(tenantId);
  }

  clear(): void {
    this.tenants.clear();
    this.rate.reset();
    this.actionCompletionMs = this.initialCompletionMs;
    this.indicatorCap = DEFAULT_INDICATOR_CAP;
  }
}

/** Turns Pending into Succeeded once the completion time has passed (mutates: the state moves on). */
export function settle(action: DefenderObject, completionMs: number): DefenderObject {
  if (action.status !== 'Pending') return action;
  const created = Date.parse(String(action.creationDateTimeUtc ?? ''));
  if (Number.isNaN(created) || Date.now() - created < completionMs) return action;
  action.status = 'Succeeded';
  action.lastUpdateDateTimeUtc = new Date(created + completionMs).toISOString();
  return action;
}

function machineDefaults(m: DefenderObject): DefenderObject {
  return {
    computerDnsName: null,
    osPlatform: 'Windows11',
    healthStatus: 'Active',
    onboardingStatus: 'Onboarded',
    riskScore: 'None',
    exposureLevel: 'Low',
    lastSeen: new Date().toISOString(),
    ...m,
  };
}

function requireId(raw: Record<string, unknown>): string {
  if (typeof raw.id !== 'string' || raw.id === '') throw new Error('every Defender object needs a string id');
  return raw.id;
}
