// Provisioning additions to the /_emulator control API: seed SKUs and domains, set the replication
// delay, the directory write quota and the Temporary Access Pass policy, read the write counts.
import { z } from 'zod';
import type { ControlRoutes } from '../shared/control-routes.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { accountsHandle, domainSeedSchema, skuSeedSchema, tapPolicySchema } from './accounts-handle.js';
import { writeLimitSchema } from './write-limit.js';

const skusBody = z.object({ tenantId: z.string().min(1), skus: z.array(skuSeedSchema).max(1000) }).strict();
const domainsBody = z
  .object({ tenantId: z.string().min(1), domains: z.array(domainSeedSchema).max(1000) })
  .strict();
const settingsBody = z
  .object({
    replicationDelayMs: z.number().int().min(0).max(3_600_000).optional(),
    writeLimit: writeLimitSchema.optional(),
    temporaryAccessPassPolicy: tapPolicySchema.optional(),
  })
  .strict();

export function accountsControlRoutes(ctx: EmulatorContext) {
  const api = accountsHandle(ctx);
  return (routes: ControlRoutes): void => {
    routes.body('POST', '/directory/skus', skusBody, (b) => api.seedSkus(b.tenantId, b.skus));
    routes.body('POST', '/directory/domains', domainsBody, (b) => api.seedDomains(b.tenantId, b.domains));
    routes.body('PUT', '/directory/settings', settingsBody, (b) => {
      if (b.replicationDelayMs !== undefined) api.setReplicationDelay(b.replicationDelayMs);
      if (b.writeLimit) api.setDirectoryWriteLimit(b.writeLimit);
      if (b.temporaryAccessPassPolicy) api.setTemporaryAccessPassPolicy(b.temporaryAccessPassPolicy);
    });
    routes.app.get<{ Querystring: { tenantId?: string } }>('/directory/writes', async (request) =>
      api.directoryWrites(typeof request.query.tenantId === 'string' ? request.query.tenantId : undefined),
    );
  };
}
