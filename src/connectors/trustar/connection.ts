// The TruSTAR connection from the `[trustar]` config: every key a client needs, or a
// GSOC_TRUSTAR_NOT_CONFIGURED error naming the missing ones.
import { TRUSTAR_REQUIRED, type TrustarConfig } from './config.js';
import { TrustarConfigError } from './errors.js';
import type { TrustarConnection } from './types.js';

/** The parsed `[trustar]` section, or the same keys from a test or a tool. */
export type TrustarSettings = Partial<Omit<TrustarConfig, 'enclaveIds'>> & { enclaveIds?: readonly string[] };

export function trustarConnection(cfg: TrustarSettings): TrustarConnection {
  const missing = TRUSTAR_REQUIRED.filter((k) => (k === 'enclaveIds' ? !cfg.enclaveIds?.length : !cfg[k]));
  if (missing.length > 0) throw new TrustarConfigError(missing);
  return {
    baseUrl: (cfg.baseUrl ?? 'https://api.trustar.co').replace(/\/+$/, ''),
    apiKey: cfg.apiKey as string,
    apiSecret: cfg.apiSecret as string,
    // TruSTAR compares GUIDs without regard to case; one spelling keeps the subset check simple.
    enclaveIds: [...new Set((cfg.enclaveIds as readonly string[]).map((id) => id.toLowerCase()))],
    clientMetatag: cfg.clientMetatag as string,
    pageSize: cfg.pageSize ?? 1000,
    caFile: cfg.caFile,
  };
}
