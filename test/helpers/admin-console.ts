// The admin listener as route tests use it: built with the real console sign-in over a test
// database, and a signed-in person's cookie and anti-forgery token. The session is made by the
// session store itself, as a sign-in would make it; signing in through Entra is tested in
// test/console/sign-in and in the browser.
import type { FastifyInstance } from 'fastify';
import { buildAdminServer } from '../../src/app/admin-server.js';
import type { DashboardModel } from '../../src/console/model.js';
import type { MountedSection } from '../../src/console/sections.js';
import { consoleAuth } from '../../src/console/sign-in/index.js';
import { consoleSchema } from '../../src/platform/config/console.js';
import { HealthRegistry } from '../../src/platform/health/registry.js';
import { createLogger, type Logger } from '../../src/platform/log.js';
import type { Store } from '../../src/platform/db/index.js';
import { LOOPBACK_SESSION_COOKIE, type Role, SessionStore } from '../../src/platform/web-session/index.js';
import { dashboardModel } from './dashboard-model.js';
import { openTestDatabase, type TestDatabase } from './databases.js';
import { LogCapture } from './log-capture.js';

export interface AdminConsole {
  app: FastifyInstance;
  db: TestDatabase;
  /** Signs a person in; the Cookie header value and the session's token for forms. */
  signIn(roles?: Role[], name?: string): Promise<{ cookie: string; csrf: string; subject: string }>;
  close(): Promise<void>;
}

export interface AdminConsoleOptions {
  model?: Partial<DashboardModel>;
  sections?: MountedSection[];
  db?: TestDatabase;
  trustProxy?: boolean;
  health?: HealthRegistry;
  pingDatabase?: () => Promise<void>;
  logger?: Logger;
}

/** The console's origin in these tests: `inject` requests carry it as Host and Origin. */
export const ORIGIN = 'http://127.0.0.1';

export async function adminConsole(o: AdminConsoleOptions = {}): Promise<AdminConsole> {
  const db = o.db ?? (await openTestDatabase('sqlite'));
  const logger = o.logger ?? createLogger({ level: 'silent', destination: new LogCapture() });
  const auth = consoleAuth({
    store: db.store,
    config: { console: consoleSchema.parse({}), tenants: [] },
    logger,
    publicUrl: () => ORIGIN,
  });
  const app = await buildAdminServer({
    logger,
    health: o.health ?? new HealthRegistry({ everyMs: 60_000 }),
    pingDatabase: o.pingDatabase ?? (async () => {}),
    trustProxy: o.trustProxy ?? false,
    console: {
      register: (a) => auth.register(a),
      gate: auth,
      sections: o.sections ?? [],
      load: async () => dashboardModel(o.model),
    },
  });
  let n = 0;
  return {
    app,
    db,
    async signIn(roles = ['admin'], name = 'Test Admin') {
      n += 1;
      const subject = `local:person-${n}`;
      const s = await auth.sessions.create({ subject, name, roles, ip: '127.0.0.1', userAgent: 'test' });
      return { cookie: `${LOOPBACK_SESSION_COOKIE}=${s.id}`, csrf: s.csrfToken, subject };
    },
    async close() {
      await app.close();
      await auth.close();
      if (!o.db) await db.cleanup();
    },
  };
}

/**
 * A session made straight in a running instance's database, for tests that read console pages but
 * are about something else (an outage, a sandbox run): the Cookie header value.
 */
export async function sessionCookie(store: Store, roles: Role[] = ['viewer']): Promise<string> {
  const s = await new SessionStore(store).create({
    subject: 'local:test-reader',
    name: 'Test Reader',
    roles,
    ip: '127.0.0.1',
    userAgent: 'test',
  });
  return `${LOOPBACK_SESSION_COOKIE}=${s.id}`;
}
