// Public shapes of the Sentinel emulator: registering a workspace, what it stores, what it counts.
import { z } from 'zod';

export const sentinelWorkspaceSchema = z
  .object({
    tenantId: z.guid(),
    /** The Log Analytics workspace id (a GUID) the upload APIs address. */
    workspaceId: z.guid(),
    /** App (client) ids holding Microsoft Sentinel Contributor on the workspace. */
    contributors: z.array(z.string().min(1).max(100)).max(100),
    /** ARM coordinates for the management-plane query; defaults are made up from the workspace id. */
    subscriptionId: z.guid().optional(),
    resourceGroup: z.string().min(1).max(90).optional(),
    workspaceName: z.string().min(1).max(63).optional(),
  })
  .strict();
export type SentinelWorkspaceInput = z.infer<typeof sentinelWorkspaceSchema>;

export interface SentinelObjectRecord {
  id: string;
  /** The current version as uploaded. */
  object: Record<string, unknown>;
  /** Accepted versions of this id; 1 after the first upload. A resend of the same version adds none. */
  versions: number;
  revoked: boolean;
  sourceSystem: string;
  /** 'stix-objects' or 'upload-indicators', the API that sent the current version. */
  api: string;
  updatedAt: string;
}

export interface SentinelCounts {
  /** Upload requests that reached a workspace (any answer). */
  requests: number;
  /** Upload requests answered 200. */
  uploads: number;
  /** Objects that passed validation (new versions and ignored resends alike). */
  objects: number;
  /** Objects refused with a per-record error. */
  rejected: number;
  /** Requests answered 429 by the rate limit or a fault. */
  throttled: number;
}
