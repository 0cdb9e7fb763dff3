// Calls to the emulated Sentinel upload APIs with a token minted for the Azure management audience.
import { CLIENT, http, type JsonResponse, startTestEmulator, TENANT, type TestEmulator } from '../helpers.js';

export const WORKSPACE = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
export const MANAGEMENT = 'https://management.azure.com';
export const STIX_PATH = `/workspaces/${WORKSPACE}/threat-intelligence-stix-objects:upload?api-version=2024-02-01-preview`;
export const LEGACY_PATH = `/workspaces/${WORKSPACE}/threatintelligenceindicators:upload?api-version=2022-07-01`;
export const ARM = {
  subscriptionId: '5c7a1e2b-0000-4000-8000-00000000a4b1',
  resourceGroup: 'soc-rg',
  workspaceName: 'soc-workspace',
};
export const QUERY_PATH = `/subscriptions/${ARM.subscriptionId}/resourceGroups/${ARM.resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/${ARM.workspaceName}/providers/Microsoft.SecurityInsights/threatIntelligence/main/queryIndicators?api-version=2025-09-01`;

export async function startSentinel(): Promise<TestEmulator> {
  const t = await startTestEmulator();
  t.em.addSentinelWorkspace({ tenantId: TENANT, workspaceId: WORKSPACE, contributors: [CLIENT], ...ARM });
  return t;
}

export function managementToken(t: TestEmulator, o: { resource?: string; offsetSec?: number } = {}) {
  return t.em.issueAccessToken({
    tenantId: TENANT,
    clientId: CLIENT,
    resource: o.resource ?? MANAGEMENT,
    ...(o.offsetSec === undefined ? {} : { offsetSec: o.offsetSec, lifetimeSec: 60 }),
  });
}

export function post(
  t: TestEmulator,
  token: string | undefined,
  path: string,
  body: unknown,
): Promise<JsonResponse> {
  return http(t.agent, `${t.em.sentinelUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

let counter = 0;

/** A valid STIX 2.1 indicator with a fresh id; `over` replaces or (with undefined) removes properties. */
export function indicator(over: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  const base: Record<string, unknown> = {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--6f1c3f0e-5c0b-4b2e-9d0a-${String(counter).padStart(12, '0')}`,
    created: '2024-06-11T06:40:00.000Z',
    modified: '2024-06-11T06:40:00.000Z',
    name: `Test indicator ${counter}`,
    pattern: `[ipv4-addr:value = '203.0.113.${counter % 250}']`,
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: '2024-06-10T06:56:40.000Z',
    valid_until: '2024-10-08T06:56:40.000Z',
    confidence: 80,
  };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base;
}

export const stixBody = (objects: unknown[]) => ({ sourcesystem: 'graphsoc tests', stixobjects: objects });
