// The sandbox's console sign-in: with the configuration the sandbox produces, the banner's link signs
// the seeded admin in without any page of the emulated Entra ID, and the analyst and viewer get
// their roles.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { request } from 'undici';
import { CONFIG } from '../../../src/app/config.js';
import { type ConsoleAuth, consoleAuth } from '../../../src/console/sign-in/index.js';
import {
  consoleSignInLink,
  type Sandbox,
  sandboxConsoleUser,
  startSandbox,
} from '../../../src/sandbox/index.js';
import { signInConsole } from '../../helpers/console-sign-in.js';
import { openTestDatabase, type TestDatabase } from '../../helpers/databases.js';
import { listenLoopback } from '../../helpers/listen.js';

describe('sandbox console sign-in', () => {
  let sandbox: Sandbox;
  let db: TestDatabase;
  let app: FastifyInstance;
  let auth: ConsoleAuth;
  let url = '';
  before(async () => {
    sandbox = await startSandbox();
    db = await openTestDatabase('sqlite');
    const raw: Record<string, unknown> = {};
    sandbox.applyTo(raw);
    const config = CONFIG.schema.parse(raw);
    auth = consoleAuth({
      store: db.store,
      config: { console: config.console, tenants: config.tenants },
      logger: pino({ level: 'silent' }),
      publicUrl: () => url,
    });
    app = Fastify();
    await auth.register(app);
    app.get('/', async (req) => (await auth.session(req))?.roles ?? 'signed out');
    url = await listenLoopback(app);
  });
  after(async () => {
    await app.close();
    await auth.close();
    await db.cleanup();
    await sandbox.close();
  });

  test('the banner’s link signs the seeded admin in with no Entra page in between', async () => {
    const start = await request(consoleSignInLink(url, sandbox.tenant));
    await start.body.text();
    assert.equal(start.statusCode, 302);
    const s = await signInConsole(url, sandboxConsoleUser(sandbox.tenant, 'admin'), {
      ca: sandbox.emulators.entraGraph.caPem,
    });
    const home = await request(`${url}/`, { headers: { cookie: s.cookie } });
    assert.deepEqual(await home.body.json(), ['admin']);
  });

  test('without a login_hint the emulated page lists the people: one click signs one in', async () => {
    // The helper picks the first listed account, as a person clicks it; the first sample person is the analyst.
    const s = await signInConsole(url, undefined, { ca: sandbox.emulators.entraGraph.caPem });
    const home = await request(`${url}/`, { headers: { cookie: s.cookie } });
    assert.deepEqual(await home.body.json(), ['analyst']);
  });

  test('the seeded analyst and viewer get their roles', async () => {
    for (const role of ['analyst', 'viewer'] as const) {
      const s = await signInConsole(url, sandboxConsoleUser(sandbox.tenant, role), {
        ca: sandbox.emulators.entraGraph.caPem,
      });
      const home = await request(`${url}/`, { headers: { cookie: s.cookie } });
      assert.deepEqual(await home.body.json(), [role]);
    }
  });
});
