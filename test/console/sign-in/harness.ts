// A console-like Fastify app for the sign-in tests: consoleAuth registered as the admin listener will
// register it, a page behind pageSession, an action behind postSession and a home page that carries
// the session's token; the Entra emulator with the console's app registration and its people.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { request } from 'undici';
import { type ConsoleAuth, consoleAuth, hashPassword } from '../../../src/console/sign-in/index.js';
import { CONFIG } from '../../../src/app/config.js';
import type { Store } from '../../../src/platform/db/index.js';
import { answerErrors } from '../../../src/platform/http-server/error-answers.js';
import { startSignInEmulator } from '../../emulators/entra-sign-in-helpers.js';
import { SECRET, TENANT, type TestEmulator } from '../../emulators/helpers.js';
import { listenLoopback } from '../../helpers/listen.js';
import { tempDir } from '../../helpers/tmp.js';

export const CONSOLE_APP = 'c0c0c0c0-0000-4000-8000-00000000c0de';
export const ADMIN = { id: 'ad000001-0000-4000-8000-000000000001', upn: 'ada.admin@contoso.onmicrosoft.com' };
export const VIEWER = {
  id: 'ad000002-0000-4000-8000-000000000002',
  upn: 'vic.viewer@contoso.onmicrosoft.com',
};
export const NOBODY = {
  id: 'ad000003-0000-4000-8000-000000000003',
  upn: 'nora.norole@contoso.onmicrosoft.com',
};
export const GRACE = {
  id: 'ad000004-0000-4000-8000-000000000004',
  upn: 'grace.group@contoso.onmicrosoft.com',
};
export const ANALYSTS_GROUP = 'a0a0a0a0-0000-4000-8000-0000000000a9';
export const BREAK_GLASS_PASSWORD = 'correct horse battery staple';

export async function startConsoleEmulator(): Promise<TestEmulator> {
  const t = await startSignInEmulator();
  t.em.seedUsers(
    [ADMIN, VIEWER, NOBODY, GRACE].map((u) => ({
      tenantId: TENANT,
      id: u.id,
      userPrincipalName: u.upn,
      displayName: u.upn.split('@')[0],
      mail: u.upn,
    })),
  );
  t.em.seedGroups([
    {
      tenantId: TENANT,
      id: ANALYSTS_GROUP,
      displayName: 'Analysts',
      mailNickname: 'analysts',
      securityEnabled: true,
      members: [GRACE.id],
    },
  ]);
  t.em.registerApp({
    tenantId: TENANT,
    clientId: CONSOLE_APP,
    displayName: 'graphsoc console',
    secrets: [SECRET],
    // A loopback redirect URI matches whatever port the test listener gets.
    redirectUris: ['http://127.0.0.1/sign-in/callback'],
    appRoles: ['viewer', 'analyst', 'admin'].map((r, i) => ({
      id: `b0b0b0b0-0000-4000-8000-00000000000${i + 1}`,
      value: `graphsoc.${r}`,
      displayName: r,
    })),
    groupMembershipClaims: 'SecurityGroup',
  });
  t.em.assignAppRole({
    tenantId: TENANT,
    clientId: CONSOLE_APP,
    principal: ADMIN.upn,
    value: 'graphsoc.admin',
  });
  t.em.assignAppRole({
    tenantId: TENANT,
    clientId: CONSOLE_APP,
    principal: VIEWER.upn,
    value: 'graphsoc.viewer',
  });
  t.em.setSignIn({ autoApproveLoginHint: true });
  return t;
}

export interface Harness {
  app: FastifyInstance;
  url: string;
  auth: ConsoleAuth;
  close(): Promise<void>;
}

export interface HarnessOptions {
  entra?: boolean;
  breakGlass?: boolean;
  groups?: Record<string, string>;
  throttleMaxFailures?: number;
  clock?: () => number;
}

/** A console section as graphsoc.toml would give it, parsed by the app's own schema. */
export async function consoleConfig(t: TestEmulator, o: HarnessOptions) {
  let passwordHashFile: string | undefined;
  if (o.breakGlass) {
    passwordHashFile = join(tempDir(), 'break-glass.hash');
    // A low cost: the tests check the format and the flow, not scrypt's strength.
    writeFileSync(passwordHashFile, `${await hashPassword(BREAK_GLASS_PASSWORD, { N: 1024, r: 8, p: 1 })}\n`);
  }
  const parsed = CONFIG.schema.parse({
    tenants: [
      {
        name: 'contoso',
        tenantId: TENANT,
        clientId: CONSOLE_APP,
        clientSecret: SECRET,
        authorityHost: t.em.loginUrl,
        caFile: t.em.caPath,
      },
    ],
    console: {
      entra: { tenant: o.entra === false ? '' : 'contoso', groups: o.groups ?? {} },
      breakGlass: o.breakGlass ? { enabled: true, user: 'break-glass', passwordHashFile } : {},
      signInThrottle: { perUserName: { maxFailures: o.throttleMaxFailures ?? 5 } },
    },
  });
  return { console: parsed.console, tenants: parsed.tenants };
}

export async function startHarness(store: Store, t: TestEmulator, o: HarnessOptions = {}): Promise<Harness> {
  const app = Fastify({ logger: false });
  // The console shell parses forms for its own actions; the sign-in plugin then uses its parser.
  await app.register(formbody);
  // As on the admin listener: GSOC_ errors answer with their status.
  answerErrors(app);
  let url = '';
  const auth = consoleAuth({
    store,
    config: await consoleConfig(t, o),
    logger: pino({ level: 'silent' }),
    publicUrl: () => url,
    ...(o.clock ? { clock: o.clock } : {}),
    signIn: { caPem: t.em.caPem },
  });
  await auth.register(app);
  app.get('/', async (req, reply) => {
    const s = await auth.session(req);
    return reply
      .type('text/html')
      .send(s ? `<meta name="csrf-token" content="${s.csrfToken}">` : 'signed out');
  });
  app.get('/private', async (req, reply) => {
    const s = await auth.pageSession(req, reply);
    if (!s) return reply;
    return { subject: s.subject, name: s.name, roles: s.roles };
  });
  app.post('/act', async (req) => {
    const s = await auth.postSession(req, (req.body ?? {}) as Record<string, unknown>);
    return { ok: true, subject: s.subject };
  });
  url = await listenLoopback(app);
  return {
    app,
    url,
    auth,
    async close() {
      await app.close();
      await auth.close();
    },
  };
}

export interface Answer {
  status: number;
  text: string;
  location?: string | undefined;
  setCookies: string[];
  headers: Record<string, string | string[] | undefined>;
}

/** A plain request to the harness; a POST with `form` is sent as a same-origin browser form. */
export async function call(
  h: Harness,
  path: string,
  o: { cookie?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...(o.cookie ? { cookie: o.cookie } : {}) };
  if (o.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers.origin = h.url;
    headers['sec-fetch-site'] = 'same-origin';
  }
  Object.assign(headers, o.headers);
  const res = await request(new URL(path, h.url), {
    method: o.form ? 'POST' : 'GET',
    headers,
    ...(o.form ? { body: new URLSearchParams(o.form).toString() } : {}),
  });
  const text = await res.body.text();
  const sc = res.headers['set-cookie'];
  const loc = res.headers.location;
  return {
    status: res.statusCode,
    text,
    location: typeof loc === 'string' ? loc : undefined,
    setCookies: sc === undefined ? [] : Array.isArray(sc) ? sc : [sc],
    headers: res.headers,
  };
}

/** `name=value` of the first Set-Cookie whose name ends with `suffix`. */
export function cookieFrom(a: Answer, suffix: string): string | undefined {
  const c = a.setCookies.find((s) => (s.split('=', 1)[0] ?? '').endsWith(suffix));
  return c?.split(';', 1)[0];
}
