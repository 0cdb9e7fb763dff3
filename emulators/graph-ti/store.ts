// tiIndicators per tenant, each with the app that created it: ThreatIndicators.ReadWrite.OwnedBy lets
// an app read and change only its own. Creating never looks for an existing externalId (the API is
// not an upsert), so a second submit of one externalId makes a second indicator, as Graph does.
import { newGuid } from '../shared/ids.js';
import { getOrCreate, PerTenant } from '../shared/per-key.js';
import type { DirectoryState } from '../directory/state.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { MDE, MDE_TENANT_LIMIT } from './fields.js';

export type TiEntity = Record<string, unknown> & { id: string };

interface Stored {
  appId: string;
  entity: TiEntity;
}

export class TenantIndicators {
  /** Insertion order is creation order, which lists follow. */
  private readonly byId = new Map<string, Stored>();

  /** The app's own indicators, oldest first. */
  owned(appId: string): TiEntity[] {
    return [...this.byId.values()].filter((s) => s.appId === appId).map((s) => s.entity);
  }

  all(): Array<{ appId: string; entity: TiEntity }> {
    return [...this.byId.values()];
  }

  get(appId: string, id: string): TiEntity | undefined {
    const s = this.byId.get(id.toLowerCase());
    return s?.appId === appId ? s.entity : undefined;
  }

  add(appId: string, fields: Record<string, unknown>): TiEntity {
    const entity: TiEntity = { ...fields, id: newGuid() };
    this.byId.set(entity.id, { appId, entity });
    return entity;
  }

  delete(appId: string, id: string): boolean {
    if (!this.get(appId, id)) return false;
    return this.byId.delete(id.toLowerCase());
  }

  /** Deletes every indicator of the app with this externalId; how many there were. */
  deleteByExternalId(appId: string, externalId: string): number {
    let n = 0;
    for (const [id, s] of this.byId)
      if (s.appId === appId && s.entity.externalId === externalId) {
        this.byId.delete(id);
        n += 1;
      }
    return n;
  }

  /** Indicators for Defender's target, whoever made them: the tenant's limit counts them all. */
  defenderCount(): number {
    let n = 0;
    for (const s of this.byId.values()) if (s.entity.targetProduct === MDE) n += 1;
    return n;
  }
}

export class TiState {
  readonly tenants = new PerTenant(() => new TenantIndicators());
  mdeLimit = MDE_TENANT_LIMIT;

  clear(): void {
    this.tenants.clear();
    this.mdeLimit = MDE_TENANT_LIMIT;
  }
}

// Keyed by the directory, as mail is, so the state lives exactly as long as the emulator.
const states = new WeakMap<DirectoryState, TiState>();

export function tiOf(ctx: EmulatorContext): TiState {
  return getOrCreate(states, ctx.state, () => new TiState());
}
