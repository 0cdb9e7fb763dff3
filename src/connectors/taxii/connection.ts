// The TAXII connection from the `[taxii]` config: every key a client needs, or a
// GSOC_TAXII_NOT_CONFIGURED error naming the missing ones.
import type { TaxiiConfig } from './config.js';
import { errors, TaxiiConfigError } from './errors.js';
import type { TaxiiConnection, TaxiiCredential } from './types.js';

/** The parsed `[taxii]` section, or the same keys from a test or a tool. */
export type TaxiiSettings = Partial<Omit<TaxiiConfig, 'collectionIds'>> & {
  collectionIds?: readonly string[];
};

export function taxiiConnection(cfg: TaxiiSettings): TaxiiConnection {
  const missing: string[] = [];
  if (!cfg.url) missing.push('url');
  if (!cfg.collectionIds?.length) missing.push('collectionIds');
  if (cfg.username && !cfg.password) missing.push('password');
  if (cfg.password && !cfg.username) missing.push('username');
  if (missing.length > 0)
    throw new TaxiiConfigError(errors.NOT_CONFIGURED, `[taxii] is missing ${missing.join(', ')}`);
  if (cfg.token && cfg.username)
    throw new TaxiiConfigError(errors.NOT_CONFIGURED, '[taxii] has both username and token; keep one');
  const credential: TaxiiCredential = cfg.token
    ? { kind: 'bearer', token: cfg.token }
    : cfg.username
      ? { kind: 'basic', username: cfg.username, password: cfg.password as string }
      : { kind: 'none' };
  return {
    // TAXII resources end in a slash; the config's URL type strips it.
    url: `${(cfg.url as string).replace(/\/+$/, '')}/`,
    apiRoot: cfg.apiRoot,
    collectionIds: [...new Set(cfg.collectionIds)],
    credential,
    pageSize: cfg.pageSize ?? 1000,
    lookbackDays: cfg.lookbackDays ?? 30,
    caFile: cfg.caFile,
  };
}
