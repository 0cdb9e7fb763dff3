// The threat-intel sync as a graphsoc feature: TruSTAR (and TAXII 2.1 collections) → Microsoft
// Sentinel, Defender for Endpoint and Graph tiIndicators. Its dashboard row, configuration, tables,
// error catalogues and metrics, and how it starts.
import type { Feature } from '../platform/feature/index.js';
import { type IntelAppConfig, intelConfig } from './config.js';
import { errors } from './errors.js';
import { INTEL_METRICS } from './run/metrics.js';
import { intelOnlineChecks } from './run/online-checks.js';
import { type IntelServices, startIntel } from './run/start.js';
import { graphSinkErrors } from './sinks/graph-errors.js';
import { intelMigrations } from './store/migrations/index.js';

export const intel: Feature<IntelAppConfig, IntelServices> = {
  name: 'intel',
  jobs: [
    {
      id: 'intel',
      title: 'Threat-intel sync',
      purpose:
        'Reads TruSTAR enclaves and TAXII 2.1 collections and sends their indicators to Microsoft Sentinel, Defender for Endpoint and Graph tiIndicators: only what changed, paced, expiring and revoking what is gone.',
      docs: 'docs/intel.md',
      translations: {
        de: {
          title: 'Abgleich der Bedrohungsdaten',
          purpose:
            'Liest TruSTAR-Enclaves und TAXII-2.1-Sammlungen und sendet ihre Indikatoren an Microsoft Sentinel, Defender for Endpoint und Graph tiIndicators: nur Geändertes, im erlaubten Takt, mit Ablauf und Widerruf dessen, was weggefallen ist.',
        },
      },
    },
  ],
  config: intelConfig,
  migrations: intelMigrations,
  errors: { 'Threat-intel sync': errors, 'Threat-intel Graph sink': graphSinkErrors },
  metrics: INTEL_METRICS,
  start: startIntel,
  onlineChecks: intelOnlineChecks,
};
