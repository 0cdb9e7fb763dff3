// The sandbox's phishing job: a report mailbox seeded with sample reports, and the `[phishing]` and
// `[archer]` sections that point the job at it and at the emulated Archer.
import { type Emulators, DEFAULT_ARCHER_USER } from '../../emulators/index.js';
import type { RawConfig } from '../platform/config/index.js';
import { SANDBOX_ARCHER_MAPPING } from './archer-mapping.js';
import { SANDBOX_REPORT_MAILBOX, sandboxReports } from './phishing-reports.js';
import type { SandboxTenant } from './tenant.js';

/** Seeds the report mailbox; returns its address. */
export function seedReportMailbox(emulators: Emulators, tenant: SandboxTenant): string {
  const reportMailbox = `${SANDBOX_REPORT_MAILBOX}@${tenant.domain}`;
  emulators.entraGraph.seedMail(tenant.tenantId, {
    mailboxes: [{ user: reportMailbox, messages: sandboxReports(tenant.domain).map((mime) => ({ mime })) }],
  });
  return reportMailbox;
}

export function applyPhishing(
  raw: RawConfig,
  emulators: Emulators,
  tenant: SandboxTenant,
  reportMailbox: string,
): void {
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
    instanceName: DEFAULT_ARCHER_USER.instanceName,
    username: DEFAULT_ARCHER_USER.username,
    password: DEFAULT_ARCHER_USER.password,
    caFile: emulators.caPath,
  };
}
