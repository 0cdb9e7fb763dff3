// Archer's login and logout requests; session.ts keeps the token they open and close.
// https://help.archerirm.cloud/api_2024_08/en-us/content/api/restfulapi/authentication.htm
import { type HttpClient, parseJson, responseTarget } from '../../platform/http/index.js';
import { refuseHtml, requestedObject } from './envelope.js';
import { ArcherAuthError } from './errors.js';
import { envelopeSchema, sessionSchema } from './schemas.js';
import type { SessionOps } from './session.js';
import type { ArcherConnection } from './types.js';

/** Login and logout for `conn` through `http`; `api` is the REST root, e.g. `platformapi/core/`. */
export function sessionOps(http: () => HttpClient, conn: ArcherConnection, api: string): SessionOps {
  return {
    login: () => login(http(), conn, api),
    logout: (token) => logout(http(), api, token),
  };
}

async function login(http: HttpClient, conn: ArcherConnection, api: string): Promise<string> {
  // The body is a JSON object, encoded once (the seed project double-encoded it into a string).
  const res = await http.request({
    url: `${api}security/login`,
    method: 'POST',
    json: {
      InstanceName: conn.instanceName,
      Username: conn.username,
      UserDomain: conn.userDomain,
      Password: conn.password,
    },
    // Logging in again is harmless, so a 503 during login is retried like a read.
    idempotent: true,
    auth: { enabled: false },
  });
  const target = responseTarget('archer', 'POST', res);
  refuseHtml(res, target);
  const env = parseJson(res, envelopeSchema, target);
  if (!env.IsSuccessful)
    throw new ArcherAuthError(conn.instanceName, conn.username, env.ValidationMessages ?? []);
  return requestedObject(env, sessionSchema, target, 'the login').SessionToken;
}

async function logout(http: HttpClient, api: string, token: string): Promise<void> {
  // An already expired session answers 401; it is gone either way.
  await http.request({
    url: `${api}security/logout`,
    method: 'POST',
    json: { Value: token },
    headers: { authorization: `Archer session-id=${token}` },
    auth: { enabled: false },
    acceptStatus: [401],
  });
}
