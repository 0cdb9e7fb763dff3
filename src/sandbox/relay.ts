// The sandbox's Threat Response relay: `[relay]` pointed at the emulated Graph, Defender and JWKS
// host (plus a secret or JWKS hosts of your own from the environment), and configuration tokens for
// the Graph Security module signed as Threat Response would.
import type { Emulators } from '../../emulators/index.js';
import type { RawConfig } from '../platform/config/index.js';
import type { SandboxRelayApp, SandboxTenant } from './tenant.js';

/**
 * `env` may add two relay settings, so tokens from `graphsoc relay token` work against the sandbox:
 * GRAPHSOC_RELAY_HS256_SECRET (HS256 tokens) and GRAPHSOC_RELAY_JWKS_HOSTS (more JWKS hosts, comma-
 * or space-separated, for RS256 tokens signed with your own key). Neither reaches a real tenant.
 */
export function applyRelay(raw: RawConfig, emulators: Emulators, env: NodeJS.ProcessEnv = process.env): void {
  const emu = emulators.entraGraph;
  const secret = env.GRAPHSOC_RELAY_HS256_SECRET;
  const moreHosts = (env.GRAPHSOC_RELAY_JWKS_HOSTS ?? '').split(/[\s,]+/).filter(Boolean);
  raw.relay = {
    enabled: true,
    jwksHosts: [emulators.securexJwks.jwksHost, ...moreHosts],
    // Checked by the relay's schema like any configured value (16 characters at least).
    ...(secret ? { hs256Secret: secret } : {}),
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
