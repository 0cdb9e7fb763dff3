// The Archer connection from the `[archer]` config: every key a client needs, or a
// GSOC_ARCHER_NOT_CONFIGURED error naming the missing ones.
import { ArcherConfigError } from './errors.js';
import type { ArcherConnection } from './types.js';

export function archerConnection(cfg: Partial<ArcherConnection>): ArcherConnection {
  const missing = (['baseUrl', 'instanceName', 'username', 'password'] as const).filter((k) => !cfg[k]);
  if (missing.length > 0) throw new ArcherConfigError(missing);
  return {
    baseUrl: (cfg.baseUrl as string).replace(/\/+$/, ''),
    basePath: cfg.basePath ?? '/platformapi',
    instanceName: cfg.instanceName as string,
    username: cfg.username as string,
    userDomain: cfg.userDomain ?? '',
    password: cfg.password as string,
    caFile: cfg.caFile,
  };
}
