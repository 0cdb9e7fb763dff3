// The Threat Response relay as a graphsoc feature: its jobs on the dashboard, its configuration, its
// error catalogues, and its routes on the server.
import type { Feature } from '../platform/feature/index.js';
import { type RelayAppConfig, relayConfig } from './config.js';
import { errors as ctimErrors } from './ctim/errors.js';
import { errors as relayErrors } from './errors.js';
import { startRelay } from './start.js';

export const relay: Feature<RelayAppConfig> = {
  name: 'relay',
  jobs: [
    {
      id: 'relay',
      title: 'Threat Response relay',
      purpose: 'Serves the Cisco XDR / SecureX relay protocol with JWT authentication.',
      docs: 'docs/relay.md',
    },
    {
      id: 'graph-security',
      title: 'Graph Security relay module',
      purpose: 'Answers observables with CTIM sightings from Microsoft Defender alerts.',
      docs: 'docs/relay.md',
    },
  ],
  config: relayConfig,
  errors: { 'Threat Response relay': relayErrors, 'CTIM data model': ctimErrors },
  async start(ctx) {
    const c = ctx.config;
    // The token audience is the relay's public URL; without one configured, the listen address.
    const publicUrl = () => c.server.publicUrl ?? ctx.listenUrl() ?? '';
    const running = startRelay({
      config: c.relay,
      publicUrl,
      logger: ctx.logger.child({ job: 'relay' }),
      version: ctx.version,
    });
    if (!c.server.publicUrl && ctx.mode === 'serve')
      ctx.logger.warn(
        'server.publicUrl is not set: relay tokens must name the listen address as their audience',
      );
    const where = (m: string) =>
      c.relay.mount === 'root' ? `${publicUrl()}/` : `${publicUrl()}/relay/${m}/`;
    return {
      routes: running.register,
      async status() {
        return {
          relay: { state: 'running', detail: `Serving ${running.modules.map(where).join(', ')}` },
          ...(running.modules.includes('graph-security')
            ? {
                'graph-security': {
                  state: 'running',
                  detail: `${c.relay.graphSecurity.backend} backend at ${where('graph-security')}`,
                },
              }
            : {}),
        };
      },
      close: running.close,
    };
  },
};
