// The phishing job as a graphsoc feature: report mailboxes → analysed campaigns → RSA Archer
// incidents. Its dashboard row, configuration, tables, error catalogues and metrics, and how it starts.
import type { Feature } from '../platform/feature/index.js';
import { errors as analyzeErrors } from './analyze-files/errors.js';
import { errors as caseErrors } from './cases/errors.js';
import { type PhishingAppConfig, phishingConfig } from './config.js';
import { errors as consoleErrors } from './console/errors.js';
import { reportSeconds, reportsWorked } from './pipeline/metrics.js';
import { errors as analysisErrors } from './pipeline/analysis-errors.js';
import { phishingOnlineChecks } from './run/online-checks.js';
import { type PhishingServices, startPhishing } from './run/start.js';
import { errors as storeErrors, phishingMigrations } from './store/index.js';

export const phishing: Feature<PhishingAppConfig, PhishingServices> = {
  name: 'phishing',
  jobs: [
    {
      id: 'phishing',
      title: 'Phishing reports → incidents',
      purpose:
        'Reads reported messages, analyses the original, groups campaigns and opens RSA Archer incidents.',
      docs: 'docs/phishing.md',
      translations: {
        de: {
          title: 'Phishing-Meldungen → Vorfälle',
          purpose:
            'Liest gemeldete Nachrichten, analysiert das Original, fasst Kampagnen zusammen und legt Vorfälle in RSA Archer an.',
        },
      },
    },
  ],
  config: phishingConfig,
  migrations: phishingMigrations,
  errors: {
    'Phishing cases': caseErrors,
    'Phishing store': storeErrors,
    'Phishing analysis': analysisErrors,
    'Phishing analyze command': analyzeErrors,
    'Phishing console': consoleErrors,
  },
  metrics: [reportsWorked, reportSeconds],
  start: startPhishing,
  onlineChecks: phishingOnlineChecks,
};
