// The Threat Response relay as a graphsoc feature: its jobs on the dashboard, its configuration, its
// error catalogues, its statistics table, its routes on the server and its console page.
import { DAY_MS, type Feature } from '../platform/feature/index.js';
import { type RelayAppConfig, relayConfig } from './config.js';
import { relayConsole } from './console/index.js';
import { errors as ctimErrors } from './ctim/errors.js';
import { errors as relayErrors } from './errors.js';
import { startRelay } from './start.js';
import {
  purgeRelayStats,
  RELAY_STATS_KEEP_DAYS,
  RelayStatsRecorder,
  relayMigrations,
} from './stats/index.js';

export const relay: Feature<RelayAppConfig> = {
  name: 'relay',
  jobs: [
    {
      id: 'relay',
      title: 'Threat Response relay',
      purpose: 'Serves the Cisco XDR / SecureX relay protocol with JWT authentication.',
      translations: {
        de: {
          title: 'Threat-Response-Relay',
          purpose: 'Bedient das Relay-Protokoll von Cisco XDR / SecureX mit JWT-Authentifizierung.',
        },
      },
      docs: 'docs/relay.md',
    },
    {
      id: 'graph-security',
      title: 'Graph Security relay module',
      purpose: 'Answers observables with CTIM sightings from Microsoft Defender alerts.',
      translations: {
        de: {
          title: 'Graph-Security-Relay-Modul',
          purpose: 'Beantwortet Observables mit CTIM-Sichtungen aus Warnungen von Microsoft Defender.',
        },
      },
      docs: 'docs/relay.md',
    },
  ],
  config: relayConfig,
  migrations: relayMigrations,
  errors: { 'Threat Response relay': relayErrors, 'CTIM data model': ctimErrors },
  async start(ctx) {
    const c = ctx.config;
    // The token audience is the relay's public URL; without one configured, the listen address.
    const publicUrl = () => c.server.publicUrl ?? ctx.listenUrl() ?? '';
    const logger = ctx.logger.child({ job: 'relay' });
    // Counted in memory, added into relay_stats each minute (src/lambda.ts runs without it).
    const stats = new RelayStatsRecorder({ db: ctx.store.db, logger });
    const running = startRelay({ config: c.relay, publicUrl, logger, version: ctx.version, stats });
    stats.start();
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
      console: relayConsole({ db: ctx.store.db, config: c.relay, publicUrl }),
      purges: [
        {
          name: 'relay statistics',
          run: () => purgeRelayStats(ctx.store.db, Date.now() - RELAY_STATS_KEEP_DAYS * DAY_MS),
        },
      ],
      async close() {
        await running.close();
        await stats.close();
      },
    };
  },
};
