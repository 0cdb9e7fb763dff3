// The sandbox's threat-intel sync: the emulated TruSTAR's enclaves and a TAXII 2.1 collection read
// into an emulated Sentinel workspace and Defender for Endpoint every few minutes, so a newcomer sees
// indicators arrive.
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_TAXII_USER,
  DEFAULT_TRUSTAR_CREDENTIAL,
  type Emulators,
  VETTED_COLLECTION,
} from '../../emulators/index.js';
import { RESERVED_GROUP_NAMES } from '../intel/index.js';
import type { RawConfig } from '../platform/config/index.js';
import type { SandboxTenant } from './tenant.js';

/**
 * The generated TruSTAR corpus uses the documentation ranges and names (192.0.2.0/24, example.com…)
 * that a real policy keeps out; the sandbox lets them through so its sample indicators arrive.
 */
const SANDBOX_RESERVED = RESERVED_GROUP_NAMES.filter((g) => g !== 'documentation');

/** Registers the Sentinel workspace graphsoc's app may write to; returns its id. */
export function seedSentinelWorkspace(emulators: Emulators, tenant: SandboxTenant): string {
  const workspaceId = randomUUID();
  emulators.entraGraph.addSentinelWorkspace({
    tenantId: tenant.tenantId,
    workspaceId,
    contributors: [tenant.clientId],
    workspaceName: 'sandbox-sentinel',
  });
  return workspaceId;
}

export function applyIntel(
  raw: RawConfig,
  emulators: Emulators,
  tenant: SandboxTenant,
  workspaceId: string,
): void {
  const policy = { reserved: SANDBOX_RESERVED };
  raw.intel = {
    enabled: true,
    sources: ['trustar', 'taxii'],
    intervalMinutes: 5,
    sinks: {
      sentinel: {
        enabled: true,
        tenant: tenant.name,
        workspaceId,
        uploadBaseUrl: emulators.entraGraph.sentinelUrl,
        sourceSystem: 'graphsoc sandbox',
        policy,
      },
      defender: { enabled: true, tenant: tenant.name, policy },
    },
  };
  raw.trustar = {
    baseUrl: emulators.trustar.url,
    apiKey: DEFAULT_TRUSTAR_CREDENTIAL.apiKey,
    apiSecret: DEFAULT_TRUSTAR_CREDENTIAL.apiSecret,
    enclaveIds: [...emulators.trustar.enclaveIds],
    clientMetatag: 'graphsoc sandbox',
    caFile: emulators.caPath,
  };
  raw.taxii = {
    url: emulators.taxii.discoveryUrl,
    username: DEFAULT_TAXII_USER.username,
    password: DEFAULT_TAXII_USER.password,
    collectionIds: [VETTED_COLLECTION],
    caFile: emulators.caPath,
  };
}
