// The sandbox's console sign-in: the app roles and loopback redirect URIs on graphsoc's app in the
// emulated tenant, three sample people holding the admin, analyst and viewer roles, `[console]`
// pointed at the tenant, and the emulated Entra page skipped for a login_hint, so the link the banner
// prints signs the admin in without a click.
import type { EntraGraphEmulator } from '../../emulators/index.js';
import type { RawConfig } from '../platform/config/index.js';
import type { SandboxTenant } from './tenant.js';

/** Who holds which console role; the UPNs are those of the sample people in tenant.ts. */
export const SANDBOX_CONSOLE_PEOPLE = {
  admin: 'alex.wilber',
  analyst: 'adele.vance',
  viewer: 'megan.bowen',
} as const;

const ROLE_IDS = {
  viewer: '0c0a5e00-0000-4000-8000-00000000a001',
  analyst: '0c0a5e00-0000-4000-8000-00000000a002',
  admin: '0c0a5e00-0000-4000-8000-00000000a003',
} as const;

/** What graphsoc's app registration adds for console sign-in (merged into its registerApp call). */
export function consoleAppSettings() {
  return {
    // Loopback redirect URIs match any port, as Entra's do, so whatever port the sandbox takes works.
    redirectUris: ['http://127.0.0.1/sign-in/callback', 'http://localhost/sign-in/callback'],
    appRoles: (['viewer', 'analyst', 'admin'] as const).map((r) => ({
      id: ROLE_IDS[r],
      value: `graphsoc.${r}`,
      displayName: `graphsoc ${r}`,
      description: `The ${r} role of the graphsoc console.`,
    })),
    groupMembershipClaims: 'SecurityGroup' as const,
  };
}

export function sandboxConsoleUser(tenant: SandboxTenant, role: keyof typeof SANDBOX_CONSOLE_PEOPLE): string {
  return `${SANDBOX_CONSOLE_PEOPLE[role]}@${tenant.domain}`;
}

/** Grants the three sample people their roles; call after the people are seeded. */
export function seedConsoleRoles(emu: EntraGraphEmulator, tenant: SandboxTenant): void {
  for (const role of ['admin', 'analyst', 'viewer'] as const) {
    emu.assignAppRole({
      tenantId: tenant.tenantId,
      clientId: tenant.clientId,
      principal: sandboxConsoleUser(tenant, role),
      value: `graphsoc.${role}`,
    });
  }
  emu.setSignIn({ autoApproveLoginHint: true });
}

/** `[console]`: sign-in with the emulated tenant; the public URL stays the admin listener's own. */
export function applyConsole(raw: RawConfig, tenant: SandboxTenant): void {
  raw.console = { entra: { tenant: tenant.name } };
}

/** The link that signs the sandbox's admin in (the emulated Entra skips its page for a login_hint). */
export function consoleSignInLink(adminUrl: string, tenant: SandboxTenant): string {
  return `${adminUrl}/sign-in/start?login_hint=${encodeURIComponent(sandboxConsoleUser(tenant, 'admin'))}`;
}
