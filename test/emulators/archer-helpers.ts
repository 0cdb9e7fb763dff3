// Shared setup for the Archer emulator tests: a started emulator, an undici Agent trusting its CA,
// a logged-in session and a small JSON request helper.
import { Agent } from 'undici';
import {
  type ArcherEmulator,
  type ArcherEmulatorOptions,
  DEFAULT_USER,
  startArcherEmulator,
} from '../../emulators/archer/index.js';
import { http, type JsonResponse } from './helpers.js';

export interface ArcherTest {
  em: ArcherEmulator;
  agent: Agent;
  /** JSON call to `${em.url}${path}`; `token` adds the Archer session header. */
  call(
    method: string,
    path: string,
    init?: { body?: unknown; token?: string; headers?: Record<string, string>; rawBody?: string },
  ): Promise<JsonResponse>;
  login(over?: Record<string, unknown>, base?: string): Promise<JsonResponse>;
  /** A fresh session token for the default user. */
  token(): Promise<string>;
  close(): Promise<void>;
}

export const CREDENTIALS = {
  InstanceName: DEFAULT_USER.instanceName,
  Username: DEFAULT_USER.username,
  UserDomain: DEFAULT_USER.userDomain,
  Password: DEFAULT_USER.password,
};

export async function startArcherTest(opts: ArcherEmulatorOptions = {}): Promise<ArcherTest> {
  const em = await startArcherEmulator(opts);
  const agent = new Agent({ connect: { ca: em.caPem } });
  const call: ArcherTest['call'] = (method, path, init = {}) =>
    http(agent, `${em.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Archer session-id="${init.token}"` } : {}),
        ...init.headers,
      },
      body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
  const login: ArcherTest['login'] = (over = {}, base = '/platformapi') =>
    call('POST', `${base}/core/security/login`, { body: { ...CREDENTIALS, ...over } });
  return {
    em,
    agent,
    call,
    login,
    async token() {
      const res = await login();
      if (res.body?.IsSuccessful !== true) throw new Error(`login failed: ${res.text}`);
      return res.body.RequestedObject.SessionToken as string;
    },
    async close() {
      await agent.close();
      await em.close();
    },
  };
}
