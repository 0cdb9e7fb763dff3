// Schema of `[archer]` in graphsoc.toml: the RSA Archer connection, shared by every feature that files
// into Archer. Which application and fields a feature writes is that feature's own configuration.
import { z } from 'zod';
import { httpsUrl } from '../../platform/config/index.js';

export const archerSchema = z
  .object({
    /** Archer's address, e.g. https://archer.example.com (without the API path). */
    baseUrl: httpsUrl.optional(),
    /** REST API path: `/platformapi` (current) or `/api` (older releases). */
    basePath: z.enum(['/platformapi', '/api']).default('/platformapi'),
    instanceName: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    /** Empty for a local Archer account. */
    userDomain: z.string().default(''),
    /** Set it through GRAPHSOC_ARCHER_PASSWORD or passwordFile. */
    password: z.string().min(1).optional(),
    /** Extra CA certificate (PEM file) to trust for Archer. */
    caFile: z.string().min(1).optional(),
  })
  .strict()
  .prefault({});

export type ArcherConfig = z.infer<typeof archerSchema>;

/** Keys of `[archer]` a feature that files into Archer cannot do without. */
export const ARCHER_REQUIRED = ['baseUrl', 'instanceName', 'username', 'password'] as const;
