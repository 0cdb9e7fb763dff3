// The self-service accounts portal as a graphsoc feature: its dashboard row, configuration, tables,
// error catalogue, and how it starts (run/start.ts).
import type { Feature } from '../platform/feature/index.js';
import { errors as consoleErrors } from './console/errors.js';
import { errors as csvErrors } from './csv/errors.js';
import { errors } from './errors.js';
import { portalErrors } from './portal/errors.js';
import { provisionErrors } from './provision/errors.js';
import { type AccountsAppConfig, accountsConfig } from './feature-config.js';
import { ACCOUNTS_METRICS } from './run/metrics.js';
import { accountsOnlineChecks } from './run/online-checks.js';
import { type AccountsServices, startAccounts } from './run/start.js';
import { accountsMigrations } from './store/migrations/index.js';

export const accounts: Feature<AccountsAppConfig, AccountsServices> = {
  name: 'accounts',
  jobs: [
    {
      id: 'accounts',
      title: 'Self-service accounts',
      purpose:
        'Lets eligible people request a Microsoft 365 account or group after verifying their e-mail, and provisions it as a durable job: one account per person, licences and groups, expiry.',
      docs: 'docs/accounts.md',
      translations: {
        de: {
          title: 'Konten zur Selbstbedienung',
          purpose:
            'Berechtigte beantragen nach Bestätigung ihrer E-Mail-Adresse ein Microsoft-365-Konto oder eine Gruppe; die Einrichtung läuft als dauerhafter Auftrag: ein Konto pro Person, Lizenzen und Gruppen, Ablauf.',
        },
      },
    },
  ],
  config: accountsConfig,
  migrations: accountsMigrations,
  errors: {
    'Self-service accounts': errors,
    'Self-service accounts: public pages': portalErrors,
    'Self-service accounts: provisioning': provisionErrors,
    'Self-service accounts: console': consoleErrors,
    'Self-service accounts: CSV import': csvErrors,
  },
  metrics: ACCOUNTS_METRICS,
  start: startAccounts,
  onlineChecks: accountsOnlineChecks,
};
