// Sentinel's threat-intelligence state: the registered workspaces (tenant, ARM coordinates, which apps
// hold Microsoft Sentinel Contributor) and, per workspace, every STIX object by id with how many of its
// versions were accepted, plus request counters for benchmarks.
//
// Versioning follows STIX 2.1 §3.6: an object's current version is the one with the latest `modified`.
// Microsoft's pages say nothing about re-uploads, so a re-upload with the same or an earlier `modified`
// is accepted without an error and ignored as an older version (not counted); a later one replaces the
// stored object. STIX calls revocation permanent; Sentinel's docs do not say it enforces that, and the
// emulator does not (a later version may carry revoked: false again).
import { compareTimestamps } from './timestamps.js';
import { SentinelRate } from './rate.js';
import type { SentinelCounts, SentinelObjectRecord, SentinelWorkspaceInput } from './types.js';

export interface Workspace {
  tenantId: string;
  workspaceId: string;
  contributors: Set<string>;
  subscriptionId: string;
  resourceGroup: string;
  workspaceName: string;
  objects: Map<string, SentinelObjectRecord>;
}

const ZERO: SentinelCounts = { requests: 0, uploads: 0, objects: 0, rejected: 0, throttled: 0 };

export class SentinelState {
  private readonly workspaces = new Map<string, Workspace>();
  readonly rate = new SentinelRate();
  counts: SentinelCounts = { ...ZERO };

  add(input: SentinelWorkspaceInput): Workspace {
    const workspaceId = input.workspaceId.toLowerCase();
    const ws: Workspace = {
      tenantId: input.tenantId.toLowerCase(),
      workspaceId,
      contributors: new Set(input.contributors.map((c) => c.toLowerCase())),
      subscriptionId: (input.subscriptionId ?? '00000000-0000-0000-0000-000000000000').toLowerCase(),
      resourceGroup: (input.resourceGroup ?? 'sentinel-rg').toLowerCase(),
      workspaceName: (input.workspaceName ?? `workspace-${workspaceId.slice(0, 8)}`).toLowerCase(),
      objects: this.workspaces.get(workspaceId)?.objects ?? new Map(),
    };
    this.workspaces.set(workspaceId, ws);
    return ws;
  }

  byId(workspaceId: string): Workspace | undefined {
    return this.workspaces.get(workspaceId.toLowerCase());
  }

  /** ARM names are case-insensitive. */
  byArmPath(subscriptionId: string, resourceGroup: string, name: string): Workspace | undefined {
    const [s, g, n] = [subscriptionId, resourceGroup, name].map((x) => x.toLowerCase());
    for (const ws of this.workspaces.values())
      if (ws.subscriptionId === s && ws.resourceGroup === g && ws.workspaceName === n) return ws;
    return undefined;
  }

  /** Stores an object that passed validation; false when it is an older or the same version. */
  put(ws: Workspace, object: Record<string, unknown>, sourceSystem: string, api: string): boolean {
    const id = String(object.id);
    const modified = String(object.modified);
    const held = ws.objects.get(id);
    if (held && compareTimestamps(modified, String(held.object.modified)) <= 0) return false;
    ws.objects.set(id, {
      id,
      object: structuredClone(object),
      versions: (held?.versions ?? 0) + 1,
      revoked: object.revoked === true,
      sourceSystem,
      api,
      updatedAt: new Date().toISOString(),
    });
    return true;
  }

  objectsOf(workspaceId: string): SentinelObjectRecord[] {
    return structuredClone([...(this.byId(workspaceId)?.objects.values() ?? [])]);
  }

  clear(): void {
    this.workspaces.clear();
    this.rate.reset();
    this.counts = { ...ZERO };
  }
}
