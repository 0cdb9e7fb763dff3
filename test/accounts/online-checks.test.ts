// `config check --online` for the accounts portal, against the Graph emulator: a tenant that has
// everything [accounts] names passes; one that lacks a domain, a SKU, a group or the sender mailbox
// fails with every mismatch named by its key, and no secret in the message.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAccountsConfig } from '../../src/accounts/config.js';
import type { AccountsAppConfig } from '../../src/accounts/feature-config.js';
import { accountsOnlineChecks } from '../../src/accounts/run/online-checks.js';
import type { AccountsServices } from '../../src/accounts/run/start.js';
import { graphFixture } from '../connectors/microsoft/graph/resources/helpers.js';

const GROUP = '6b1d1f2e-8c55-4a4b-9a39-0f3b1f0a9c11';
const MISSING_GROUP = '0d7b3a2c-1111-4c4c-8d8d-222233334444';
const SKU = 'c42b9cae-ea4f-4ab7-9717-81576235ccac';

const f = graphFixture(['Group.ReadWrite.All', 'Directory.Read.All', 'Domain.Read.All'], (emu, tenantId) => {
  emu.seedDomains(tenantId, [
    { id: 'stud.example.edu', isVerified: true },
    { id: 'pending.example.edu', isVerified: false },
  ]);
  emu.seedSkus(tenantId, [{ skuId: SKU, skuPartNumber: 'STANDARDWOFFPACK_STUDENT', enabled: 10 }]);
  emu.seedGroups([
    {
      tenantId,
      id: GROUP,
      displayName: 'Students',
      mailEnabled: false,
      securityEnabled: true,
      mailNickname: 'students',
    },
  ]);
  emu.seedUsers([
    { tenantId, userPrincipalName: 'accounts@contoso.onmicrosoft.com', displayName: 'Accounts' },
  ]);
});

function config(over: {
  upnDomains?: string[];
  licences?: string[];
  groups?: string[];
  sender?: string;
}): AccountsAppConfig {
  const upnDomains = over.upnDomains ?? ['stud.example.edu'];
  const accounts = parseAccountsConfig({
    enabled: true,
    tenant: 'contoso',
    upnDomains,
    mail: { sender: over.sender ?? 'accounts@contoso.onmicrosoft.com' },
    templates: [
      {
        name: 'students',
        domains: ['example.edu'],
        upnDomain: upnDomains[0],
        usageLocation: 'DE',
        licences: over.licences ?? ['STANDARDWOFFPACK_STUDENT'],
        groups: over.groups ?? [GROUP],
      },
    ],
  });
  return { accounts, tenants: [] } as unknown as AccountsAppConfig;
}

const services = (): AccountsServices =>
  ({ microsoft: { graph: () => f.graph } }) as unknown as AccountsServices;

async function failures(c: AccountsAppConfig): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const check of accountsOnlineChecks(c, services()))
    await check.check(AbortSignal.timeout(10_000)).catch((e: Error) => {
      out[check.name] = e.message;
    });
  return out;
}

describe('accounts online checks', () => {
  test('a tenant with the domain, the SKU, the group and the sender passes every check', async () => {
    const c = config({});
    assert.deepEqual(
      accountsOnlineChecks(c, services()).map((x) => x.name),
      ['accounts:domains', 'accounts:licences', 'accounts:groups', 'accounts:sender'],
    );
    assert.deepEqual(await failures(c), {});
  });

  test('each missing thing is named by its key, all at once', async () => {
    const got = await failures(
      config({
        upnDomains: ['stud.example.edu', 'pending.example.edu', 'nowhere.example.org'],
        licences: ['STANDARDWOFFPACK_STUDENT', 'SPE_E5'],
        groups: [GROUP, MISSING_GROUP],
        sender: 'nobody@contoso.onmicrosoft.com',
      }),
    );
    assert.match(got['accounts:domains'] ?? '', /upnDomains\.1: pending\.example\.edu is not verified/);
    assert.match(
      got['accounts:domains'] ?? '',
      /upnDomains\.2: nowhere\.example\.org is not a domain of the tenant/,
    );
    assert.match(
      got['accounts:licences'] ?? '',
      /does not subscribe to SPE_E5; it has STANDARDWOFFPACK_STUDENT/,
    );
    assert.match(got['accounts:groups'] ?? '', new RegExp(`no group has the id ${MISSING_GROUP}`));
    assert.match(got['accounts:sender'] ?? '', /no mailbox user nobody@contoso\.onmicrosoft\.com/);
  });
});
