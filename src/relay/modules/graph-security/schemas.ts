// Shapes the Graph Security module reads: the Graph Security payloads come from the Graph connector
// (its schemas are loose: Graph adds properties and evidence types over time, and an unknown one must
// never fail an answer); the configuration token's claims are the module's own.
import { z } from 'zod';

export {
  type AlertEvidence as Evidence,
  type AlertV2,
  alertV2Schema,
  type LegacyAlert,
  legacyAlertSchema,
} from '../../../connectors/microsoft/graph/index.js';

/** Claims of the configuration token, as the seed's module type defines them (custom_<claim>). */
export const claimsSchema = z.looseObject({
  application_id: z.string().min(1),
  tenant_id: z.string().min(1),
  client_secret: z.string().min(1),
  CTR_ENTITIES_LIMIT: z.union([z.string(), z.number()]).optional(),
});
export type GraphSecurityClaims = z.infer<typeof claimsSchema>;
