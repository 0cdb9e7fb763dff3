// The emulated world the phishing tests and benchmark run against: a tenant whose app may read and
// send mail, its report mailbox, and the connection to the emulated Archer.
import { randomUUID } from 'node:crypto';
import { DEFAULT_USER } from '../../emulators/archer/index.js';
import type { Emulators } from '../../emulators/index.js';
import type { ArcherConnection } from '../../src/connectors/archer/index.js';
import { tenantSchema, type TenantConfig } from '../../src/platform/config/index.js';

export interface MailTenant {
  tenantId: string;
  /** The app's tenant configuration, pointed at the emulators (graphsoc's `[[tenants]]` entry). */
  tenant: TenantConfig;
}

/** A tenant with an app holding Mail.ReadWrite and Mail.Send, and an empty report mailbox. */
export function mailTenant(
  emulators: Emulators,
  o: { domain: string; mailbox: string; name?: string },
): MailTenant {
  const eg = emulators.entraGraph;
  const tenantId = randomUUID();
  const app = { clientId: randomUUID(), secret: `secret-${randomUUID()}` };
  eg.addTenant({ id: tenantId, displayName: o.domain, domains: [o.domain] });
  eg.registerApp({
    tenantId,
    clientId: app.clientId,
    secrets: [app.secret],
    roles: { graph: ['Mail.ReadWrite', 'Mail.Send'] },
  });
  eg.seedMail(tenantId, { mailboxes: [{ user: o.mailbox }] });
  const tenant = tenantSchema.parse({
    name: o.name ?? 't',
    tenantId,
    clientId: app.clientId,
    clientSecret: app.secret,
    authorityHost: eg.loginUrl,
    graphBaseUrl: eg.graphUrl,
    graphScope: 'https://graph.microsoft.com/.default',
    caFile: emulators.caPath,
  });
  return { tenantId, tenant };
}

/** The `[archer]` connection to the emulated Archer. */
export function emulatedArcher(emulators: Emulators): ArcherConnection {
  return {
    baseUrl: emulators.archer.url,
    basePath: '/platformapi',
    instanceName: DEFAULT_USER.instanceName,
    username: DEFAULT_USER.username,
    userDomain: '',
    password: DEFAULT_USER.password,
    caFile: emulators.caPath,
  };
}
