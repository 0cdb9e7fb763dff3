// The sandbox's emulated Entra tenant: the tenant itself, graphsoc's app (mail and directory
// permissions), the app Threat Response's module token carries (security and Defender permissions),
// and ten sample people, three of whom hold the console's admin, analyst and viewer roles.
import { randomBytes, randomUUID } from 'node:crypto';
import type { EntraGraphEmulator } from '../../emulators/index.js';
import { consoleAppSettings, seedConsoleRoles } from './console.js';

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

const sandboxSecret = () => `sbx~${randomBytes(18).toString('base64url')}`;

export function seedTenant(emu: EntraGraphEmulator): { tenant: SandboxTenant; relayApp: SandboxRelayApp } {
  const tenant: SandboxTenant = {
    name: 'sandbox',
    tenantId: randomUUID(),
    clientId: randomUUID(),
    clientSecret: sandboxSecret(),
    domain: 'contoso-sandbox.onmicrosoft.com',
  };
  emu.addTenant({ id: tenant.tenantId, displayName: 'Contoso (sandbox)', domains: [tenant.domain] });
  emu.registerApp({
    tenantId: tenant.tenantId,
    clientId: tenant.clientId,
    displayName: 'graphsoc (sandbox)',
    secrets: [tenant.clientSecret],
    roles: {
      graph: [
        'Organization.Read.All',
        'User.Read.All',
        'Mail.ReadWrite',
        'Mail.Send',
        'ThreatIndicators.ReadWrite.OwnedBy',
        // The self-service accounts portal (docs/accounts.md).
        'User.ReadWrite.All',
        'Group.ReadWrite.All',
        'Directory.Read.All',
        'UserAuthenticationMethod.ReadWrite.All',
      ],
      // The threat-intel sync's Defender indicators (all of them: it must see an analyst's own to leave them alone).
      defender: ['Ti.ReadWrite.All'],
    },
    // The operator console signs people in with this app (its app roles and redirect URIs).
    ...consoleAppSettings(),
  });
  const relayApp: SandboxRelayApp = { clientId: randomUUID(), clientSecret: sandboxSecret() };
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
    SAMPLE_PEOPLE.map(([given, surname, jobTitle]) => {
      const address = `${given.toLowerCase()}.${surname.toLowerCase()}@${tenant.domain}`;
      return {
        tenantId: tenant.tenantId,
        givenName: given,
        surname,
        displayName: `${given} ${surname}`,
        jobTitle,
        userPrincipalName: address,
        mail: address,
        accountEnabled: true,
      };
    }),
  );
  seedConsoleRoles(emu, tenant);
  return { tenant, relayApp };
}

/** The `[[tenants]]` entry that points graphsoc at the emulated tenant. */
export function tenantConfig(tenant: SandboxTenant, emu: EntraGraphEmulator, caPath: string) {
  return {
    name: tenant.name,
    tenantId: tenant.tenantId,
    clientId: tenant.clientId,
    clientSecret: tenant.clientSecret,
    authorityHost: emu.loginUrl,
    graphBaseUrl: emu.graphUrl,
    // Entra knows Graph by its public identifier wherever the emulated endpoint listens.
    graphScope: 'https://graph.microsoft.com/.default',
    defenderBaseUrl: emu.defenderUrl,
    caFile: caPath,
  };
}
