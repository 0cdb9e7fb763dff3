// Shared setup for the provisioning tests of the directory emulator: an emulator on a clock the test
// drives, tokens with chosen app roles, a valid new-user body, and the Graph error assertion.
import assert from 'node:assert/strict';
import type { EntraGraphEmulatorOptions } from '../../emulators/microsoft/index.js';
import { CLIENT, graph, type Json, startTestEmulator, TENANT, type TestEmulator } from './helpers.js';

export const ALL_ROLES = [
  'User.ReadWrite.All',
  'Group.ReadWrite.All',
  'Directory.Read.All',
  'UserAuthenticationMethod.ReadWrite.All',
  'Mail.Send',
];
export const SKU_A1 = '314c4481-f395-4525-be8b-2ec4bb1e9d91';
export const SKU_FACULTY = '94763226-9b3c-4e75-a931-5c89701abe66';

export interface DirectoryFixture extends TestEmulator {
  /** The directory clock, in ms; tests move it forward. */
  clock: { now: number };
  token: string;
  tokenWith(roles: string[]): Promise<string>;
  call(path: string, init?: { method?: string; body?: unknown }, as?: string): Promise<Json>;
}

export async function startDirectory(opts: EntraGraphEmulatorOptions = {}): Promise<DirectoryFixture> {
  const clock = { now: Date.parse('2030-01-01T00:00:00Z') };
  const t = await startTestEmulator({ directoryNow: () => clock.now, ...opts }, ALL_ROLES);
  const tokenWith = (roles: string[]) => t.em.issueAccessToken({ tenantId: TENANT, clientId: CLIENT, roles });
  const token = await tokenWith(ALL_ROLES);
  return {
    ...t,
    clock,
    token,
    tokenWith,
    call: (path, init = {}, as = token) => graph(t, as, path, init),
  };
}

/** A body POST /users accepts, for `nick` on the tenant's own domain. */
export function newUser(nick: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accountEnabled: true,
    displayName: `User ${nick}`,
    mailNickname: nick,
    userPrincipalName: `${nick}@contoso.onmicrosoft.com`,
    passwordProfile: { forceChangePasswordNextSignIn: true, password: 'Xy!9-not-a-real-one' },
    ...extra,
  };
}

export function assertGraphError(res: Json, status: number, code: string, message?: string | RegExp): void {
  assert.equal(res.status, status, res.text);
  assert.equal(res.body.error.code, code, res.text);
  if (typeof message === 'string') assert.equal(res.body.error.message, message);
  else if (message) assert.match(res.body.error.message, message);
  assert.equal(res.body.error.innerError['request-id'], res.headers['request-id']);
}

export const ref = (id: string) => ({
  '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}`,
});
