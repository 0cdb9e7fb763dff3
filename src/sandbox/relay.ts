// The sandbox's Threat Response relay: `[relay]` pointed at the emulated Graph, Defender and JWKS
// host, and configuration tokens for the Graph Security module signed as Threat Response would.
import type { Emulators } from '../../emulators/index.js';
import type { RawConfig } from '../platform/config/index.js';
import type { SandboxRelayApp, SandboxTenant } from './tenant.js';

export function applyRelay(raw: RawConfig, emulators: Emulators): void {
  const emu = emulators.entraGraph;
  raw.relay = {
    enabled: true,
    jwksHosts: [emulators.securexJwks.jwksHost],
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
}

/** A configuration token for the Graph Security module whose audience is the relay's URL. */
export function relayToken(
  emulators: Emulators,
  tenant: SandboxTenant,
  app: SandboxRelayApp,
  audience: string,
): Promise<string> {
  return emulators.securexJwks.sign({
    audience,
    claims: { application_id: app.clientId, tenant_id: tenant.tenantId, client_secret: app.clientSecret },
  });
}
