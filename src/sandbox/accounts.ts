// The sandbox's self-service accounts portal: a "students" template for addresses at
// stud.example.edu (and its subdomains) that creates accounts in the sandbox tenant's domain with a
// student licence (50 seats) and the "All students" group after an administrator approves; two groups
// people may ask to join; new groups allowed under a naming policy; codes and notices sent from an
// emulated mailbox, so the emulator's outbox shows every mail a person would get.
import type { Emulators } from '../../emulators/index.js';
import type { RawConfig } from '../platform/config/index.js';
import type { SandboxTenant } from './tenant.js';

export const SANDBOX_ACCOUNTS = {
  eligibleDomain: 'stud.example.edu',
  sender: 'accounts',
  skuId: '314c4481-f395-4525-be8b-2ec4bb1e9d91',
  skuPartNumber: 'STANDARDWOFFPACK_STUDENT',
  groups: {
    students: 'a1b2c3d4-0000-4000-8000-000000000001',
    robotics: 'a1b2c3d4-0000-4000-8000-000000000002',
    choir: 'a1b2c3d4-0000-4000-8000-000000000003',
  },
} as const;

/** Seeds the licence, the groups and the sender mailbox; returns the sender address. */
export function seedAccounts(emulators: Emulators, tenant: SandboxTenant): string {
  const emu = emulators.entraGraph;
  const s = SANDBOX_ACCOUNTS;
  emu.seedSkus(tenant.tenantId, [{ skuId: s.skuId, skuPartNumber: s.skuPartNumber, enabled: 50 }]);
  emu.seedGroups(
    (
      [
        [s.groups.students, 'All students', 'all-students', false],
        [s.groups.robotics, 'Robotics club', 'robotics-club', true],
        [s.groups.choir, 'University choir', 'choir', true],
      ] as const
    ).map(([id, displayName, mailNickname, unified]) => ({
      tenantId: tenant.tenantId,
      id,
      displayName,
      mailNickname,
      mailEnabled: unified,
      securityEnabled: !unified,
      groupTypes: unified ? ['Unified'] : [],
    })),
  );
  const sender = `${s.sender}@${tenant.domain}`;
  emu.seedMail(tenant.tenantId, { mailboxes: [{ user: sender, messages: [] }] });
  return sender;
}

export function applyAccounts(raw: RawConfig, tenant: SandboxTenant, sender: string): void {
  const s = SANDBOX_ACCOUNTS;
  raw.accounts = {
    enabled: true,
    tenant: tenant.name,
    upnDomains: [tenant.domain],
    mail: { sender },
    templates: [
      {
        name: 'students',
        title: 'Student account',
        domains: [s.eligibleDomain],
        allowSubdomains: true,
        upnDomain: tenant.domain,
        upnPattern: '{given}.{surname}',
        usageLocation: 'DE',
        licences: [s.skuPartNumber],
        groups: [s.groups.students],
        accountLifetimeDays: 365,
        approvalRequired: true,
        credential: 'temporary-access-pass',
      },
    ],
    groups: {
      joinable: [s.groups.robotics, s.groups.choir],
      allowCreate: true,
      m365: { prefix: 'GRP-', blockedWords: ['admin', 'helpdesk'] },
    },
  };
}
