// Wires graphsoc to the emulators: the one file in src/ that imports emulators/ (DESIGN.md).
// Starts the emulated tenant, registers graphsoc's app in it, seeds sample data and returns the
// configuration that points every tenant endpoint at the emulators.
import { randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_USER as ARCHER_USER } from '../emulators/archer/index.js';
import { type Emulators, securityExport, startEmulators, syntheticSecurityData } from '../emulators/index.js';
import type { RawConfig } from './platform/config/env-overrides.js';
import { SANDBOX_ARCHER_MAPPING } from './sandbox-archer-mapping.js';
import { SANDBOX_REPORT_MAILBOX, sandboxReports } from './sandbox-reports.js';

export interface SandboxTenant {
  name: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  domain: string;
}

/** The app Threat Response's module instance carries in its configuration token. */
export interface SandboxRelayApp {
  clientId: string;
  clientSecret: string;
}

export interface Sandbox {
  emulators: Emulators;
  /** An observable that the seeded Defender alerts contain, for the banner's example request. */
  sampleObservable: { type: string; value: string };
  /** A Defender machine of the seeded evidence, for the respond example (undefined if none). */
  sampleMachine: { type: string; value: string } | undefined;
  tenant: SandboxTenant;
  relayApp: SandboxRelayApp;
  /** The mailbox the phishing job watches, seeded with sample reports. */
  reportMailbox: string;
  /** A configuration token for the Graph Security module, as Threat Response would send it. */
  relayToken(audience: string): Promise<string>;
  /** Applies the sandbox's tenant and endpoints to a raw configuration object. */
  applyTo(raw: RawConfig): void;
  close(): Promise<void>;
}

const SAMPLE_PEOPLE = [
  ['Adele', 'Vance', 'Security Analyst'],
  ['Alex', 'Wilber', 'SOC Lead'],
  ['Diego', 'Siciliani', 'HR Manager'],
  ['Grady', 'Archie', 'Designer'],
  ['Isaiah', 'Langer', 'Sales Rep'],
  ['Johanna', 'Lorenz', 'Senior Engineer'],
  ['Lee', 'Gu', 'Director'],
  ['Megan', 'Bowen', 'Marketing Manager'],
  ['Nestor', 'Wilke', 'Director'],
  ['Patti', 'Fernandez', 'President'],
] as const;
export interface SandboxSeed {
  /** A folder with alerts_v2.json, incidents.json and/or alerts.json exported from a tenant. */
  alertsDir?: string | undefined;
}

export async function startSandbox(seed: SandboxSeed = {}): Promise<Sandbox> {
  const emulators = await startEmulators();
  const emu = emulators.entraGraph;
  const tenant: SandboxTenant = {
    name: 'sandbox',
    tenantId: randomUUID(),
    clientId: randomUUID(),
    clientSecret: `sbx~${randomBytes(18).toString('base64url')}`,
    domain: 'contoso-sandbox.onmicrosoft.com',
  };
  emu.addTenant({ id: tenant.tenantId, displayName: 'Contoso (sandbox)', domains: [tenant.domain] });
  emu.registerApp({
    tenantId: tenant.tenantId,
    clientId: tenant.clientId,
    displayName: 'graphsoc (sandbox)',
    secrets: [tenant.clientSecret],
    roles: { graph: ['Organization.Read.All', 'User.Read.All', 'Mail.ReadWrite', 'Mail.Send'] },
  });
  const relayApp: SandboxRelayApp = {
    clientId: randomUUID(),
    clientSecret: `sbx~${randomBytes(18).toString('base64url')}`,
  };
  emu.registerApp({
    tenantId: tenant.tenantId,
    clientId: relayApp.clientId,
    displayName: 'graphsoc relay (sandbox)',
    secrets: [relayApp.clientSecret],
    roles: {
      graph: ['ThreatHunting.Read.All', 'SecurityAlert.Read.All', 'SecurityIncident.Read.All'],
      // WindowsDefenderATP permissions for the respond actions (docs/relay.md).
      defender: ['Machine.Read.All', 'Machine.Isolate', 'Machine.Scan', 'Ti.ReadWrite.All'],
    },
  });
  emu.seedUsers(
    SAMPLE_PEOPLE.map(([given, surname, jobTitle]) => ({
      tenantId: tenant.tenantId,
      givenName: given,
      surname,
      displayName: `${given} ${surname}`,
      jobTitle,
      userPrincipalName: `${given.toLowerCase()}.${surname.toLowerCase()}@${tenant.domain}`,
      mail: `${given.toLowerCase()}.${surname.toLowerCase()}@${tenant.domain}`,
      accountEnabled: true,
    })),
  );

  // Sample Defender alerts with evidence; the first file hash becomes the banner's example.
  // Alerts exported from a real tenant when given (docs/sandbox.md), else synthetic ones.
  const security = seed.alertsDir
    ? securityExport(seed.alertsDir)
    : syntheticSecurityData(40, { tenantId: tenant.tenantId, seed: 7 });
  emu.seedSecurity(tenant.tenantId, security);
  const sampleObservable = firstFileHash(security.alertsV2 ?? []) ?? { type: 'ip', value: '10.1.1.7' };
  const sampleMachine = firstMachine(security.alertsV2 ?? []);

  // A report mailbox with reports of three phishing campaigns, for the phishing job.
  const reportMailbox = `${SANDBOX_REPORT_MAILBOX}@${tenant.domain}`;
  emu.seedMail(tenant.tenantId, {
    mailboxes: [{ user: reportMailbox, messages: sandboxReports(tenant.domain).map((mime) => ({ mime })) }],
  });

  const jwks = emulators.securexJwks;
  return {
    reportMailbox,
    emulators,
    sampleObservable,
    sampleMachine,
    tenant,
    relayApp,
    relayToken: (audience) =>
      jwks.sign({
        audience,
        claims: {
          application_id: relayApp.clientId,
          tenant_id: tenant.tenantId,
          client_secret: relayApp.clientSecret,
        },
      }),
    applyTo(raw) {
      raw.relay = {
        enabled: true,
        jwksHosts: [jwks.jwksHost],
        caFile: emulators.caPath,
        graphSecurity: {
          authorityHost: emu.loginUrl,
          graphBaseUrl: emu.graphUrl,
          graphScope: 'https://graph.microsoft.com/.default',
          defenderBaseUrl: emu.defenderUrl,
          // Entra knows Defender by its public identifier wherever the emulated API listens.
          defenderScope: 'https://api.securitycenter.microsoft.com/.default',
          caFile: emulators.caPath,
        },
      };
      raw.phishing = {
        enabled: true,
        mailboxes: [{ tenant: tenant.name, mailbox: reportMailbox }],
        pollEverySec: 10,
        ownDomains: [tenant.domain],
        notify: { acknowledge: true },
        archer: SANDBOX_ARCHER_MAPPING,
      };
      raw.archer = {
        baseUrl: emulators.archer.url,
        instanceName: ARCHER_USER.instanceName,
        username: ARCHER_USER.username,
        password: ARCHER_USER.password,
        caFile: emulators.caPath,
      };
      raw.tenants = [
        {
          name: tenant.name,
          tenantId: tenant.tenantId,
          clientId: tenant.clientId,
          clientSecret: tenant.clientSecret,
          authorityHost: emu.loginUrl,
          graphBaseUrl: emu.graphUrl,
          // Entra knows Graph by its public identifier wherever the emulated endpoint listens.
          graphScope: 'https://graph.microsoft.com/.default',
          caFile: emulators.caPath,
        },
      ];
    },
    close: () => emulators.close(),
  };
}

function firstFileHash(
  alerts: ReadonlyArray<Record<string, unknown>>,
): { type: string; value: string } | undefined {
  for (const a of alerts) {
    for (const e of (a.evidence as Array<{ fileDetails?: { sha256?: string } }> | undefined) ?? []) {
      if (e.fileDetails?.sha256) return { type: 'sha256', value: e.fileDetails.sha256 };
    }
  }
  return undefined;
}

/** A Defender machine from the seeded device evidence, for the respond example. */
function firstMachine(
  alerts: ReadonlyArray<Record<string, unknown>>,
): { type: string; value: string } | undefined {
  for (const a of alerts) {
    for (const e of (a.evidence as Array<{ mdeDeviceId?: string }> | undefined) ?? []) {
      if (e.mdeDeviceId && /^[0-9a-f]{40}$/.test(e.mdeDeviceId))
        return { type: 'ms_machine_id', value: e.mdeDeviceId };
    }
  }
  return undefined;
}
