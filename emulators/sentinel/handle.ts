// The Sentinel part of the Entra/Graph emulator's handle: what tests, benchmarks and the sandbox call
// to register workspaces, tune the request limit and read back what was uploaded.
import type { SentinelRateSettings } from './rate.js';
import type { SentinelState } from './store.js';
import {
  type SentinelCounts,
  type SentinelObjectRecord,
  type SentinelWorkspaceInput,
  sentinelWorkspaceSchema,
} from './types.js';

export interface SentinelEmulatorApi {
  /** Registers (or re-registers, keeping its objects) a workspace and the apps that may upload to it. */
  addSentinelWorkspace(workspace: SentinelWorkspaceInput): void;
  /** The stored objects of a workspace, each with its count of accepted versions. */
  sentinelObjects(workspaceId: string): SentinelObjectRecord[];
  /** Upload requests, objects accepted and refused, and 429s since the last reset. */
  sentinelRequests(): SentinelCounts;
  /** Requests per caller per minute (default 100) and the time scale that shortens the minute. */
  setSentinelRateLimit(settings: Partial<SentinelRateSettings>): void;
}

export function sentinelHandle(state: SentinelState): SentinelEmulatorApi {
  return {
    addSentinelWorkspace: (w) => void state.add(sentinelWorkspaceSchema.parse(w)),
    sentinelObjects: (id) => state.objectsOf(id),
    sentinelRequests: () => ({ ...state.counts }),
    setSentinelRateLimit: (settings) => state.rate.configure(settings),
  };
}
