// The Sentinel connector tests' setup: the Entra/Graph emulator with a workspace our app contributes
// to, the tenant config and a client on it, and valid STIX indicators to upload.
import type { EntraGraphEmulator } from '../../../../emulators/microsoft/index.js';
import { createTokenProvider } from '../../../../src/connectors/microsoft/identity/index.js';
import {
  createSentinelClient,
  type SentinelClient,
  type SentinelClientOptions,
  type SentinelConnection,
} from '../../../../src/connectors/microsoft/sentinel/index.js';
import type { TenantConfig } from '../../../../src/platform/config/tenant.js';
import { CLIENT_ID, startEmulator, TENANT_ID, tenantFor } from '../helpers.js';

export const WORKSPACE = '7d0c3b1a-2e4f-4a5b-9c6d-1e2f3a4b5c6d';

export async function startSentinelEmulator(): Promise<{ emu: EntraGraphEmulator; tenant: TenantConfig }> {
  const emu = await startEmulator();
  emu.addSentinelWorkspace({ tenantId: TENANT_ID, workspaceId: WORKSPACE, contributors: [CLIENT_ID] });
  return { emu, tenant: tenantFor(emu) };
}

export function sentinelClient(
  emu: EntraGraphEmulator,
  tenant: TenantConfig,
  over: Partial<SentinelConnection> = {},
  opts: SentinelClientOptions = {},
): SentinelClient {
  const connection: SentinelConnection = {
    uploadBaseUrl: emu.sentinelUrl,
    workspaceId: WORKSPACE,
    sourceSystem: 'graphsoc tests',
    api: 'stix-objects',
    ...over,
  };
  return createSentinelClient(tenant, createTokenProvider(tenant), connection, opts);
}

let n = 0;

export function stixIndicator(over: Record<string, unknown> = {}): Record<string, unknown> {
  n += 1;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--0a1b2c3d-4e5f-4a6b-8c7d-${String(n).padStart(12, '0')}`,
    created: '2024-06-11T06:40:00.000Z',
    modified: '2024-06-11T06:40:00.000Z',
    pattern: `[domain-name:value = 'c${n}.example']`,
    pattern_type: 'stix',
    valid_from: '2024-06-10T06:56:40.000Z',
    ...over,
  };
}
