// Shared setup for emulator tests: a started emulator with one tenant and app, an undici Agent trusting
// its CA, small request helpers, and an msal-node network client on that Agent.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { Agent, request } from 'undici';
import {
  type EntraGraphEmulator,
  type EntraGraphEmulatorOptions,
  startEntraGraphEmulator,
} from '../../emulators/microsoft/index.js';

export const TENANT = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
export const TENANT_DOMAIN = 'contoso.onmicrosoft.com';
export const CLIENT = 'a1b2c3d4-0000-4000-8000-00000000c1e7';
export const SECRET = 'test-secret-value';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export interface TestEmulator {
  em: EntraGraphEmulator;
  agent: Agent;
  close(): Promise<void>;
}

export async function startTestEmulator(
  opts: EntraGraphEmulatorOptions = {},
  roles: string[] = ['User.ReadWrite.All', 'Organization.Read.All'],
): Promise<TestEmulator> {
  const em = await startEntraGraphEmulator(opts);
  em.addTenant({ id: TENANT, displayName: 'Contoso', domains: [TENANT_DOMAIN] });
  em.registerApp({
    tenantId: TENANT,
    clientId: CLIENT,
    displayName: 'graphsoc tests',
    secrets: [SECRET],
    roles: { graph: roles },
  });
  const agent = new Agent({ connect: { ca: em.caPem } });
  return {
    em,
    agent,
    close: async () => {
      await agent.close();
      await em.close();
    },
  };
}

/** Parsed JSON of any shape; tests index into it freely and let assertions catch mismatches. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are arbitrary JSON in tests
export type Json = any;

export interface JsonResponse {
  status: number;
  headers: Record<string, string>;
  body: Json;
  text: string;
}

export async function http(
  agent: Agent,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<JsonResponse> {
  const res = await request(url, {
    method: (init.method ?? 'GET') as 'GET',
    headers: init.headers,
    body: init.body,
    dispatcher: agent,
  });
  const text = await res.body.text();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.statusCode, headers, body, text };
}

export function postForm(agent: Agent, url: string, form: Record<string, string>): Promise<JsonResponse> {
  return http(agent, url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
}

export function tokenUrl(em: EntraGraphEmulator, tenant = TENANT): string {
  return `${em.loginUrl}/${tenant}/oauth2/v2.0/token`;
}

/** A Graph access token for the test app through the real token endpoint. */
export async function secretToken(t: TestEmulator, scope = GRAPH_SCOPE): Promise<string> {
  const res = await postForm(t.agent, tokenUrl(t.em), {
    grant_type: 'client_credentials',
    client_id: CLIENT,
    client_secret: SECRET,
    scope,
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.text}`);
  return res.body.access_token as string;
}

export function graph(
  t: TestEmulator,
  token: string | undefined,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const url = path.startsWith('https://') ? path : `${t.em.graphUrl}${path}`;
  return http(t.agent, url, {
    method: init.method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** msal-node network client that trusts the emulator CA through an undici Agent (no NODE_EXTRA_CA_CERTS). */
export class UndiciNetworkClient implements INetworkModule {
  constructor(private readonly agent: Agent) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(
    method: 'GET' | 'POST',
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> {
    const res = await http(this.agent, url, { method, headers: options?.headers, body: options?.body });
    return { status: res.status, headers: res.headers, body: res.body as T };
  }
}
