// The threat-intel sync as a graphsoc feature, as far as it is built: the canonical model, the
// policy and the converters, which need no configuration and run nothing. It is never enabled and
// answers for no job yet (the dashboard keeps listing the job as planned); it is registered so the
// architecture test checks this folder and docs/errors.md lists its codes. The sync engine adds its
// sections, tables, units and jobs here.
import type { Feature } from '../platform/feature/index.js';
import { errors } from './errors.js';
import { intelMigrations } from './store/migrations/index.js';

// `object`, not `unknown`: the app intersects the features' config types, and unknown would erase them.

export const intel: Feature<object> = {
  name: 'intel',
  jobs: [],
  migrations: intelMigrations,
  config: { sections: {}, enabled: () => false },
  errors: { 'Threat-intel model and policy': errors },
  async start() {
    return { async close() {} };
  },
};
