// What `graphsoc config check --online` tries for the phishing job: a login to Archer and every name of
// [phishing.archer] (application, level, fields, values-list values), each name Archer does not have
// reported with the names it does have. The tenants' checks are the app's own.
import type { DependencyCheck } from '../../platform/health/registry.js';
import type { PhishingAppConfig } from '../config.js';
import { unknownNames } from '../pipeline/check-mapping.js';
import { archerCase } from './archer-case.js';

export function phishingOnlineChecks(config: PhishingAppConfig): DependencyCheck[] {
  return [
    {
      name: 'archer:phishing',
      async check() {
        const archer = archerCase(config.archer, config.phishing.archer);
        try {
          // Logs in, and lists the applications the user may see.
          await archer.client.ping();
          const unknown = await unknownNames(archer.target, config.phishing.archer);
          if (unknown.length === 1) throw unknown[0];
          if (unknown.length > 1)
            throw new AggregateError(
              unknown,
              `${unknown.length} names of [phishing.archer] are not in Archer`,
            );
        } finally {
          await archer.client.close();
        }
      },
    },
  ];
}
