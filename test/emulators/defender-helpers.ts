// Calls to the emulated Defender for Endpoint API with a token minted for its audience.
import type { TestEmulator } from './helpers.js';
import { CLIENT, http, type JsonResponse, TENANT } from './helpers.js';

export const DEFENDER_RESOURCE = 'https://api.securitycenter.microsoft.com';
export const MACHINE = 'a'.repeat(40);
export const OTHER_MACHINE = '1234567890abcdef1234567890abcdef12345678';

export function defenderToken(t: TestEmulator, roles: string[]): Promise<string> {
  return t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT, resource: DEFENDER_RESOURCE, roles });
}

export function defender(
  t: TestEmulator,
  token: string,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<JsonResponse> {
  return http(t.agent, `${t.em.defenderUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}

/** OData string literal with '' escaping, percent-encoded for the query string. */
export const lit = (v: string) => encodeURIComponent(`'${v.replaceAll("'", "''")}'`);
