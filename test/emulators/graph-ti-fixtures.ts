// tiIndicator bodies for the emulator tests, shaped as the reference fixtures are
// (test/intel/fixtures/graph-tiindicators), with ISO expiry and an externalId.
import { CLIENT, type Json, SECRET, TENANT, type TestEmulator } from './helpers.js';

export const TI_ROLE = 'ThreatIndicators.ReadWrite.OwnedBy';
export const OTHER_CLIENT = 'b2c3d4e5-0000-4000-8000-00000000c1e8';
export const BASE = '/beta/security/tiIndicators';

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

export function sentinel(externalId: string, over: Json = {}): Json {
  return {
    action: 'alert',
    azureTenantId: TENANT,
    description: 'graphsoc emulator test',
    expirationDateTime: inDays(30),
    externalId,
    targetProduct: 'Azure Sentinel',
    threatType: 'WatchList',
    tlpLevel: 'amber',
    domainName: `${externalId.replace(/[^a-z0-9]/gi, '')}.example`,
    ...over,
  };
}

export function defenderTarget(externalId: string, over: Json = {}): Json {
  return {
    action: 'block',
    description: 'graphsoc emulator test',
    expirationDateTime: inDays(30),
    externalId,
    targetProduct: 'Microsoft Defender ATP',
    threatType: 'Malware',
    tlpLevel: 'green',
    networkDestinationIPv4: '203.0.113.45',
    ...over,
  };
}

/** A second app in the same tenant with the same permission. */
export async function otherAppToken(t: TestEmulator): Promise<string> {
  t.em.registerApp({
    tenantId: TENANT,
    clientId: OTHER_CLIENT,
    secrets: ['other'],
    roles: { graph: [TI_ROLE] },
  });
  return t.em.issueAccessToken({ tenantId: TENANT, clientId: OTHER_CLIENT });
}

export const ownToken = (t: TestEmulator) => t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT });

/** The JSON-encoded error of a refused submit item. */
export const itemError = (item: Json): Json => JSON.parse(item.Error as string);

/** Empties the emulator and registers the tenant and test app again (tokens already issued stay valid). */
export function resetTi(t: TestEmulator): void {
  t.em.reset();
  t.em.addTenant({ id: TENANT, displayName: 'Contoso' });
  t.em.registerApp({ tenantId: TENANT, clientId: CLIENT, secrets: [SECRET], roles: { graph: [TI_ROLE] } });
}
