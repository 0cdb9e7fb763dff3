// Wires graphsoc to the emulators: the one folder in src/ that imports emulators/ (ARCHITECTURE.md).
// Starts the emulated services, registers graphsoc's apps in the emulated tenant, seeds sample data
// for each job and returns the configuration that points every endpoint at the emulators.
import { type Emulators, startEmulators } from '../../emulators/index.js';
import type { RawConfig } from '../platform/config/index.js';
import { applyAccounts, seedAccounts } from './accounts.js';
import { applyConsole } from './console.js';
import { applyIntel, seedSentinelWorkspace } from './intel.js';
import { applyPhishing, seedReportMailbox } from './phishing.js';
import { applyRelay, relayToken } from './relay.js';
import { type SecuritySamples, seedSecurity } from './security.js';
import { type SandboxRelayApp, type SandboxTenant, seedTenant, tenantConfig } from './tenant.js';

export type { SandboxRelayApp, SandboxTenant } from './tenant.js';
export { SANDBOX_ARCHER_MAPPING } from './archer-mapping.js';
export { SANDBOX_ACCOUNTS } from './accounts.js';
export { sandboxBanner } from './banner.js';
export { consoleSignInLink, SANDBOX_CONSOLE_PEOPLE, sandboxConsoleUser } from './console.js';
export { freshSandboxDatabase } from './database.js';
export { SANDBOX_REPORT_MAILBOX, sandboxReports } from './phishing-reports.js';

export interface Sandbox extends SecuritySamples {
  emulators: Emulators;
  tenant: SandboxTenant;
  relayApp: SandboxRelayApp;
  /** The mailbox the phishing job watches, seeded with sample reports. */
  reportMailbox: string;
  /** The emulated Sentinel workspace the threat-intel sync writes to. */
  sentinelWorkspaceId: string;
  /** The mailbox the accounts portal sends its codes and notices from. */
  accountsSender: string;
  /** A configuration token for the Graph Security module, as Threat Response would send it. */
  relayToken(audience: string): Promise<string>;
  /** Applies the sandbox's tenant and endpoints to a raw configuration object. */
  applyTo(raw: RawConfig): void;
  close(): Promise<void>;
}

export interface SandboxSeed {
  /** A folder with alerts_v2.json, incidents.json and/or alerts.json exported from a tenant. */
  alertsDir?: string | undefined;
}

export async function startSandbox(seed: SandboxSeed = {}): Promise<Sandbox> {
  const emulators = await startEmulators();
  const emu = emulators.entraGraph;
  const { tenant, relayApp } = seedTenant(emu);
  const samples = seedSecurity(emu, tenant.tenantId, seed.alertsDir);
  const reportMailbox = seedReportMailbox(emulators, tenant);
  const sentinelWorkspaceId = seedSentinelWorkspace(emulators, tenant);
  const accountsSender = seedAccounts(emulators, tenant);
  return {
    ...samples,
    emulators,
    tenant,
    relayApp,
    reportMailbox,
    sentinelWorkspaceId,
    accountsSender,
    relayToken: (audience) => relayToken(emulators, tenant, relayApp, audience),
    applyTo(raw) {
      applyRelay(raw, emulators);
      applyPhishing(raw, emulators, tenant, reportMailbox);
      applyIntel(raw, emulators, tenant, sentinelWorkspaceId);
      applyConsole(raw, tenant);
      applyAccounts(raw, tenant, accountsSender);
      raw.tenants = [tenantConfig(tenant, emu, emulators.caPath)];
    },
    close: () => emulators.close(),
  };
}
