// consoleAuth: the console's sign-in and its session gate, built from `[console]` and the tenants.
// The routes are in entra-routes.ts and local-routes.ts; this file holds what they and the console
// shell share: the stores, the cookie mode, the sign-in client, the gate and the housekeeping purge.
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import {
  createSignInClient,
  type RoleMapping,
  type SignInClient,
  type SignInClientOptions,
} from '../../connectors/microsoft/sign-in/index.js';
import type { ConsoleConfig, TenantConfig } from '../../platform/config/index.js';
import type { Store } from '../../platform/db/index.js';
import {
  AuditLog,
  CSRF_FIELD,
  CSRF_HEADER,
  type CookieMode,
  checkCsrf,
  checkSameOrigin,
  cookieModeFor,
  readSessionCookie,
  type Session,
  SessionStore,
  SignInThrottle,
} from '../../platform/web-session/index.js';
import { FlowStore } from './flows.js';
import { type PasswordHash, parsePasswordHash } from './password.js';
import { PasswordFileError } from './errors.js';
import { signInRoutes } from './routes.js';

export interface ConsoleAuthConfig {
  console: ConsoleConfig;
  tenants: readonly TenantConfig[];
}

export interface ConsoleAuthDeps {
  store: Store;
  config: ConsoleAuthConfig;
  logger: Logger;
  /** The admin listener's URL once it listens; `console.publicUrl` takes its place when set. */
  publicUrl: () => string;
  /** Epoch ms; tests inject one. */
  clock?: () => number;
  /** Transport of the Entra calls: the emulator's CA, a dispatcher, or a whole client (tests). */
  signIn?: SignInClientOptions;
}

export interface ConsoleAuth {
  register(app: FastifyInstance): Promise<void>;
  /** Live session of the request's cookie, or undefined (renews the idle clock). */
  session(req: FastifyRequest): Promise<Session | undefined>;
  /** For page GETs: the session; else it sends 303 to /sign-in?return=<path> (why: idle/expired) and returns undefined. */
  pageSession(req: FastifyRequest, reply: FastifyReply): Promise<Session | undefined>;
  /** For POSTs: session + same-origin + CSRF (form field or header); throws the GSOC_SESSION_* errors. */
  postSession(req: FastifyRequest, form: Record<string, unknown>): Promise<Session>;
  audit: AuditLog;
  sessions: SessionStore;
  readonly cookieMode: CookieMode;
  /** Which ways of signing in are on; with neither, the sign-in page says how to set one up. */
  readonly methods: { entra: boolean; breakGlass: boolean };
  /** Housekeeping: deletes expired flows, sessions and attempts, and audit entries past retention. */
  purge(): Promise<ConsolePurgeCounts>;
  close(): Promise<void>;
}

export interface ConsolePurgeCounts {
  flows: number;
  sessions: number;
  attempts: number;
  audit: number;
}

/** What the routes use; built once by consoleAuth. */
export interface SignInContext {
  deps: ConsoleAuthDeps;
  clock: () => number;
  sessions: SessionStore;
  throttle: SignInThrottle;
  audit: AuditLog;
  flows: FlowStore;
  mode(): CookieMode;
  origin(): string;
  /** Undefined when Entra sign-in is off. */
  entra: { tenant: TenantConfig; client(): SignInClient; roles: RoleMapping } | undefined;
  breakGlass: { user: string; hash: PasswordHash } | undefined;
}

export function consoleAuth(deps: ConsoleAuthDeps): ConsoleAuth {
  const c = deps.config.console;
  const clock = deps.clock ?? Date.now;
  const sessions = new SessionStore(deps.store, { ...c.session, clock });
  const throttle = new SignInThrottle(deps.store, { ...c.signInThrottle, clock });
  const audit = new AuditLog(deps.store, { ...c.audit, clock });
  const flows = new FlowStore(deps.store, clock);
  const publicUrl = () => new URL(c.publicUrl ?? deps.publicUrl());
  // Decided once the listener has its address (port 0 in tests and the sandbox), then kept.
  let mode: CookieMode | undefined;
  const modeOf = () => {
    mode ??= cookieModeFor(publicUrl());
    return mode;
  };
  const tenant =
    c.entra.tenant === '' ? undefined : deps.config.tenants.find((t) => t.name === c.entra.tenant);
  let client: SignInClient | undefined;
  const entra = tenant && {
    tenant,
    roles: { appRoles: c.entra.appRoles, groups: c.entra.groups },
    client() {
      client ??= createSignInClient(
        { tenant, clientId: c.entra.clientId, redirectUri: `${publicUrl().origin}/sign-in/callback` },
        deps.signIn,
      );
      return client;
    },
  };
  const breakGlass = c.breakGlass.enabled
    ? { user: c.breakGlass.user, hash: readHashFile(c.breakGlass.passwordHashFile) }
    : undefined;
  const ctx: SignInContext = {
    deps,
    clock,
    sessions,
    throttle,
    audit,
    flows,
    mode: modeOf,
    origin: () => publicUrl().origin,
    entra,
    breakGlass,
  };
  const cookieId = (req: FastifyRequest) => readSessionCookie(req.headers.cookie, modeOf());

  return {
    async register(app) {
      await app.register(signInRoutes, { ctx });
    },
    session: (req) => sessions.get(cookieId(req)),
    async pageSession(req, reply) {
      const r = await sessions.lookup(cookieId(req));
      if ('session' in r) return r.session;
      const why = r.reason === 'idle' || r.reason === 'expired' ? r.reason : 'required';
      const path = req.url.length <= 1024 ? req.url : '/';
      await reply
        .code(303)
        .header('cache-control', 'no-store')
        .redirect(`/sign-in?return=${encodeURIComponent(path)}&why=${why}`, 303);
      return undefined;
    },
    async postSession(req, form) {
      checkSameOrigin(req, ctx.origin());
      const session = await sessions.requireSession(cookieId(req));
      const header = req.headers[CSRF_HEADER];
      checkCsrf(session, form[CSRF_FIELD] ?? (typeof header === 'string' ? header : undefined));
      return session;
    },
    audit,
    sessions,
    get cookieMode() {
      return modeOf();
    },
    methods: { entra: entra !== undefined, breakGlass: breakGlass !== undefined },
    purge: () => purgeConsole(ctx),
    async close() {
      await client?.close();
    },
  };
}

async function purgeConsole(
  ctx: Pick<SignInContext, 'flows' | 'sessions' | 'throttle' | 'audit'>,
): Promise<ConsolePurgeCounts> {
  return {
    flows: await ctx.flows.purge(),
    sessions: await ctx.sessions.purge(),
    attempts: await ctx.throttle.purge(),
    audit: await ctx.audit.purge(),
  };
}

function readHashFile(path: string | undefined): PasswordHash {
  if (path === undefined) throw new PasswordFileError('console.breakGlass.passwordHashFile is not set');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PasswordFileError(`cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, e);
  }
  return parsePasswordHash(text.slice(0, 1024));
}
