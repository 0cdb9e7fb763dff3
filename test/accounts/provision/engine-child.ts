// A provisioning worker in a process of its own, for the kill test: it opens the test's database,
// runs the engine until no request is left approved, and, when told to, kills itself with SIGKILL
// right after the Nth Graph call of one name (before anything records it): a real crash, no cleanup.
// Input (env PROVISION_CHILD, JSON): { dbUrl, tenant, accounts, killAt?: { call, nth } }.
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { parseAccountsConfig } from '../../../src/accounts/config.js';
import { compileTemplate } from '../../../src/accounts/policy/templates.js';
import { createProvisioner } from '../../../src/accounts/provision/index.js';
import { AccountsAudit } from '../../../src/accounts/store/audit.js';
import { AccountRequests } from '../../../src/accounts/store/requests.js';
import type { TenantConfig } from '../../../src/platform/config/tenant.js';
import { openDatabase } from '../../../src/platform/db/index.js';
import { graphClientFor } from './world.js';

interface ChildInput {
  dbUrl: string;
  tenant: TenantConfig;
  accounts: Record<string, unknown>;
  killAt?: { call: string; nth: number };
}

const input = JSON.parse(process.env.PROVISION_CHILD ?? '{}') as ChildInput;
const store = await openDatabase(input.dbUrl);
const config = parseAccountsConfig(input.accounts);
const requests = new AccountRequests(store.db);
const graph = graphClientFor(input.tenant);
let seen = 0;
const engine = createProvisioner({
  config,
  templates: new Map(config.templates.map((t) => [t.name, compileTemplate(t)])),
  requests,
  audit: new AccountsAudit(store.db),
  graph,
  logger: pino({ level: 'silent' }),
  notify: async () => {},
  groupSettleMs: 200,
  afterGraphCall: (call) => {
    if (input.killAt && call === input.killAt.call && ++seen === input.killAt.nth) {
      process.stdout.write(`killed after ${call} #${seen}\n`);
      process.kill(process.pid, 'SIGKILL');
    }
  },
});
const signal = new AbortController().signal;
for (let i = 0; i < 600; i++) {
  await engine.runOnce(signal);
  if ((await requests.counts()).approved === 0) break;
  await sleep(100);
}
await graph.close();
await store.close();
process.stdout.write('finished\n');
