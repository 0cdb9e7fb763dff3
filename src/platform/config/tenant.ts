// Schema of one Microsoft tenant/app registration in graphsoc.toml (`[[tenants]]`).
import { z } from 'zod';
import { httpsUrl } from './fields.js';

/** Public cloud endpoints; national clouds override them per tenant. */
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com';
export const DEFAULT_MANAGEMENT_BASE_URL = 'https://management.azure.com';
export const DEFAULT_DEFENDER_BASE_URL = 'https://api.security.microsoft.com';

export const tenantSchema = z
  .object({
    /** Local label used in logs, metrics, lease names and other config sections. */
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected a short lower-case label like "contoso"'),
    /** Directory (tenant) id: a GUID or a verified domain such as contoso.onmicrosoft.com. */
    tenantId: z.string().min(1),
    /** Application (client) id of the Entra app registration. */
    clientId: z.string().min(1),
    /** Client secret; set it through GRAPHSOC_TENANTS_<n>_CLIENT_SECRET or clientSecretFile. */
    clientSecret: z.string().min(1).optional(),
    /** PEM file holding the certificate's private key (and, optionally, the certificate itself). */
    certificatePath: z.string().min(1).optional(),
    /** SHA-1 thumbprint (hex) of the certificate as shown in the Entra portal. */
    certificateThumbprint: z
      .string()
      .regex(/^[0-9A-Fa-f]{40}$/, 'expected a 40-character hex SHA-1 thumbprint')
      .optional(),
    /** Entra authority host; change it for national clouds (e.g. https://login.microsoftonline.us). */
    authorityHost: httpsUrl.default(DEFAULT_AUTHORITY_HOST),
    graphBaseUrl: httpsUrl.default(DEFAULT_GRAPH_BASE_URL),
    managementBaseUrl: httpsUrl.default(DEFAULT_MANAGEMENT_BASE_URL),
    defenderBaseUrl: httpsUrl.default(DEFAULT_DEFENDER_BASE_URL),
    /**
     * Token scopes; by default `<base URL>/.default` of each API (Defender: the securitycenter audience).
     * Set them only when the API's identifier differs from its URL, as behind a proxy or an emulator.
     */
    graphScope: z.string().min(1).optional(),
    managementScope: z.string().min(1).optional(),
    defenderScope: z.string().min(1).optional(),
    /** Extra CA certificate (PEM file) to trust for this tenant's endpoints, e.g. a TLS-inspecting proxy. */
    caFile: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const hasSecret = t.clientSecret !== undefined;
    const hasCert = t.certificatePath !== undefined;
    if (hasSecret === hasCert) {
      ctx.addIssue({
        code: 'custom',
        path: ['clientSecret'],
        message:
          'expected exactly one credential: clientSecret, or certificatePath with certificateThumbprint',
      });
    }
    if (hasCert && t.certificateThumbprint === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['certificateThumbprint'],
        message: 'expected certificateThumbprint when certificatePath is set',
      });
    }
  });

export type TenantConfig = z.infer<typeof tenantSchema>;
