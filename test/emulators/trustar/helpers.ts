// Shared setup for the TruSTAR emulator tests: a started emulator, an undici Agent trusting its CA,
// a token, and JSON calls to the API.
import { Agent } from 'undici';
import {
  DEFAULT_CREDENTIAL,
  startTrustarEmulator,
  type TrustarEmulator,
  type TrustarEmulatorOptions,
} from '../../../emulators/trustar/index.js';
import { http, type JsonResponse } from '../helpers.js';

export interface TrustarTest {
  em: TrustarEmulator;
  agent: Agent;
  /** POST /oauth/token with Basic key:secret (and the grant in the body unless `grantInQuery`). */
  tokenCall(cred?: { apiKey: string; apiSecret: string }, grantInQuery?: boolean): Promise<JsonResponse>;
  token(): Promise<string>;
  api(method: string, path: string, token: string | undefined, body?: unknown): Promise<JsonResponse>;
  close(): Promise<void>;
}

export async function startTrustarTest(opts: TrustarEmulatorOptions = {}): Promise<TrustarTest> {
  const em = await startTrustarEmulator(opts);
  const agent = new Agent({ connect: { ca: em.caPem } });
  const tokenCall: TrustarTest['tokenCall'] = (cred = DEFAULT_CREDENTIAL, grantInQuery = false) =>
    http(agent, `${em.url}/oauth/token${grantInQuery ? '?grant_type=client_credentials' : ''}`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${cred.apiKey}:${cred.apiSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: grantInQuery ? '' : 'grant_type=client_credentials',
    });
  return {
    em,
    agent,
    tokenCall,
    async token() {
      const res = await tokenCall();
      if (res.status !== 200) throw new Error(`token request failed: ${res.text}`);
      return res.body.access_token as string;
    },
    api: (method, path, token, body) =>
      http(agent, `${em.url}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      }),
    async close() {
      await agent.close();
      await em.close();
    },
  };
}
