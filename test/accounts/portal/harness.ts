// A portal on the public listener's app, against a Graph emulator over real HTTP (sendMail outbox,
// groups, users, Temporary Access Passes) and a fresh database of either dialect; plus a small
// browser: a cookie jar for the portal cookie and the headers a same-origin form post carries.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { EntraGraphEmulator } from '../../../emulators/index.js';
import { parseAccountsConfig } from '../../../src/accounts/config.js';
import { graphMailer } from '../../../src/accounts/mail/mailer.js';
import { compileTemplate } from '../../../src/accounts/policy/templates.js';
import { portalRoutes } from '../../../src/accounts/portal/routes.js';
import { AccountsAudit } from '../../../src/accounts/store/audit.js';
import { AccountRequests } from '../../../src/accounts/store/requests.js';
import { StatusLinks } from '../../../src/accounts/store/status-links.js';
import { buildServer } from '../../../src/app/server.js';
import type { GraphClient } from '../../../src/connectors/microsoft/graph/index.js';
import { forgetCachedApplications } from '../../../src/connectors/microsoft/identity/index.js';
import type { Dialect } from '../../../src/platform/db/index.js';
import { HealthRegistry } from '../../../src/platform/health/registry.js';
import { createLogger } from '../../../src/platform/log.js';
import { openTestDatabase, type TestDatabase } from '../../helpers/databases.js';
import { LogCapture } from '../../helpers/log-capture.js';
import { graphClientFor } from '../../connectors/microsoft/graph/resources/helpers.js';
import {
  CLIENT_ID,
  freshTenant,
  GRAPH_ROLES,
  SECRET,
  startEmulator,
} from '../../connectors/microsoft/helpers.js';

export const SENDER = 'accounts@contoso.onmicrosoft.com';
export const JOINABLE = '6a0f5bd2-94f1-4a8e-a3a3-0d0b6e1c2a11';

export interface Portal {
  app: FastifyInstance;
  emu: EntraGraphEmulator;
  tenantId: string;
  graph: GraphClient;
  db: TestDatabase;
  requests: AccountRequests;
  audit: AccountsAudit;
  logs: LogCapture;
  now: { ms: number };
  close(): Promise<void>;
}

export interface PortalOptions {
  dialect?: Dialect;
  accounts?: Record<string, unknown>;
  publicUrl?: string | (() => string | undefined);
}

export const STUDENTS = {
  name: 'students',
  title: 'Student account <2027>',
  domains: ['stud.example.edu'],
  upnDomain: 'contoso.onmicrosoft.com',
  usageLocation: 'DE',
  approvalRequired: false,
};

export async function startPortal(o: PortalOptions = {}): Promise<Portal> {
  const emu = await startEmulator();
  const tenant = freshTenant(emu);
  emu.registerApp({
    tenantId: tenant.tenantId,
    clientId: CLIENT_ID,
    secrets: [SECRET],
    roles: {
      graph: [
        ...GRAPH_ROLES,
        'Mail.Send',
        'Group.ReadWrite.All',
        'Directory.Read.All',
        'UserAuthenticationMethod.ReadWrite.All',
      ],
    },
  });
  emu.seedDomains(tenant.tenantId, [{ id: 'contoso.onmicrosoft.com', isVerified: true }]);
  emu.seedUsers([{ tenantId: tenant.tenantId, userPrincipalName: SENDER, displayName: 'Accounts' }]);
  emu.seedGroups([
    { tenantId: tenant.tenantId, id: JOINABLE, displayName: 'Chess <club>', mailNickname: 'chess' },
  ]);
  const graph = graphClientFor(tenant);
  const db = await openTestDatabase(o.dialect ?? 'sqlite');
  const now = { ms: Date.UTC(2027, 2, 1, 9, 0, 0) };
  const clock = () => now.ms;
  const config = parseAccountsConfig({
    enabled: true,
    tenant: 'contoso',
    upnDomains: ['contoso.onmicrosoft.com'],
    mail: { sender: SENDER },
    templates: [
      STUDENTS,
      {
        ...STUDENTS,
        name: 'staff',
        title: 'Staff',
        domains: ['example.edu'],
        approvalRequired: true,
        credential: 'one-time-view',
      },
    ],
    groups: {
      joinable: [JOINABLE],
      allowCreate: true,
      m365: { prefix: 'grp-', blockedWords: ['forbidden'] },
    },
    ...(o.accounts ?? {}),
  });
  const requests = new AccountRequests(db.store.db, clock);
  const audit = new AccountsAudit(db.store.db, clock);
  const logs = new LogCapture();
  const logger = createLogger({ level: 'info', destination: logs });
  const app = await buildServer({
    logger,
    health: new HealthRegistry({ everyMs: 60_000 }),
    pingDatabase: async () => {},
    routes: [
      portalRoutes({
        config,
        templates: config.templates.map(compileTemplate),
        store: db.store,
        requests,
        audit,
        statusLinks: new StatusLinks(db.store.db, clock),
        mailer: graphMailer(graph, SENDER),
        graph,
        publicUrl: typeof o.publicUrl === 'function' ? o.publicUrl : () => o.publicUrl as string | undefined,
        clock,
        logger,
      }),
    ],
  });
  return {
    app,
    emu,
    tenantId: tenant.tenantId,
    graph,
    db,
    requests,
    audit,
    logs,
    now,
    async close() {
      await app.close();
      await graph.close();
      await db.cleanup();
      await forgetCachedApplications();
      await emu.close();
    },
  };
}

/** The HTML of the mails sent to `to`, oldest first. */
export function mailsTo(p: Portal, to: string): string[] {
  return p.emu
    .sentMail(p.tenantId)
    .filter((m) => JSON.stringify(m.message.toRecipients ?? []).includes(to))
    .map((m) => String((m.message.body as { content?: string } | undefined)?.content ?? ''));
}

export function lastCode(p: Portal, to: string): { code: string; link?: string } {
  const html = mailsTo(p, to).at(-1) ?? '';
  const code = /<strong>[^<]*<bdi>(\d{6})<\/bdi><\/strong>/.exec(html)?.[1];
  if (!code) throw new Error(`no code mailed to ${to}`);
  const link = /href="([^"]+\/accounts\/link\/[^"]+)"/.exec(html)?.[1];
  return { code, ...(link ? { link } : {}) };
}

/** One browser: its cookies, its language, and same-origin headers on every POST. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly p: Portal,
    readonly opts: { language?: string; ip?: string; origin?: string } = {},
  ) {}

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.#keep(
      await this.p.app.inject({
        method: 'GET',
        url,
        headers: { ...this.#headers(), ...headers },
        remoteAddress: this.opts.ip ?? '127.0.0.1',
      }),
    );
  }

  async post(
    url: string,
    form: Record<string, string>,
    headers: Record<string, string | undefined> = {},
  ): Promise<LightMyRequestResponse> {
    const all: Record<string, string> = {
      ...this.#headers(),
      'content-type': 'application/x-www-form-urlencoded',
      origin: this.opts.origin ?? 'http://localhost',
      'sec-fetch-site': 'same-origin',
    };
    for (const [k, v] of Object.entries(headers)) {
      if (v === undefined) delete all[k];
      else all[k] = v;
    }
    return this.#keep(
      await this.p.app.inject({
        method: 'POST',
        url,
        headers: all,
        payload: new URLSearchParams(form).toString(),
        remoteAddress: this.opts.ip ?? '127.0.0.1',
      }),
    );
  }

  #headers(): Record<string, string> {
    const h: Record<string, string> = { host: 'localhost:80' };
    if (this.opts.language) h['accept-language'] = this.opts.language;
    if (this.cookies.size > 0) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return h;
  }

  #keep(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number }>) {
      if (c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
}

/** The hidden form token of a page. */
export function csrfOf(html: string): string {
  const v = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!v) throw new Error('no form token on the page');
  return v;
}

/** Start → code from the outbox → verified session; returns the browser on the request page. */
export async function verifiedBrowser(p: Portal, address: string, b = new Browser(p)): Promise<Browser> {
  const start = await b.post('/accounts/start', { address });
  if (start.statusCode !== 303)
    throw new Error(`start answered ${start.statusCode}: ${start.body.slice(0, 400)}`);
  const { code } = lastCode(p, address);
  const v = await b.post(start.headers.location as string, { code });
  if (v.headers.location !== '/accounts/request') throw new Error(`verify answered ${v.statusCode}`);
  return b;
}
