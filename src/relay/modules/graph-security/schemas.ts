// Shapes of the Graph Security payloads the module reads. Loose on purpose: Graph adds properties
// and evidence types over time, and an unknown one must never fail an answer.
import { z } from 'zod';

const str = z.string().nullish();

// https://learn.microsoft.com/graph/api/resources/security-alertevidence (and derived types)
export const evidenceSchema = z.looseObject({
  '@odata.type': z.string().optional(),
  verdict: str,
  remediationStatus: str,
  roles: z.array(z.string()).nullish(),
  // fileEvidence / processEvidence.imageFile
  fileDetails: z.looseObject({ sha1: str, sha256: str, fileName: str, filePath: str }).nullish(),
  imageFile: z.looseObject({ sha1: str, sha256: str, fileName: str, filePath: str }).nullish(),
  ipAddress: str,
  url: str,
  // deviceEvidence
  deviceDnsName: str,
  mdeDeviceId: str,
  osPlatform: str,
  version: str,
  ipInterfaces: z.array(z.string()).nullish(),
  // userEvidence / processEvidence
  userAccount: z.looseObject({ accountName: str, userPrincipalName: str, domainName: str }).nullish(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

// https://learn.microsoft.com/graph/api/resources/security-alert
export const alertV2Schema = z.looseObject({
  id: z.string(),
  title: str,
  description: str,
  severity: str,
  status: str,
  serviceSource: str,
  detectionSource: str,
  alertWebUrl: str,
  incidentWebUrl: str,
  incidentId: str,
  createdDateTime: str,
  lastUpdateDateTime: str,
  firstActivityDateTime: str,
  lastActivityDateTime: str,
  evidence: z.array(evidenceSchema).nullish(),
});
export type AlertV2 = z.infer<typeof alertV2Schema>;
export const alertV2ListSchema = z.looseObject({ value: z.array(z.unknown()) });

// https://learn.microsoft.com/graph/api/resources/security-api-overview (huntingQueryResults)
// Rows are only checked to be objects: thousands of them arrive per query and every column is read
// with a type check where it is used (matchedObservables, the AlertId guard), so a per-key record
// parse would cost time and add nothing.
const huntingRow = z.custom<Record<string, unknown>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  'expected an object per result row',
);
export const huntingResultsSchema = z.looseObject({
  results: z.array(huntingRow).default([]),
});

// https://learn.microsoft.com/graph/api/resources/alert (legacy, retiring in 2026)
export const legacyAlertSchema = z.looseObject({
  id: z.string(),
  title: str,
  description: str,
  severity: str,
  confidence: z.number().nullish(),
  eventDateTime: str,
  createdDateTime: str,
  sourceMaterials: z.array(z.string()).nullish(),
  vendorInformation: z.looseObject({ provider: str, subProvider: str }).nullish(),
  hostStates: z
    .array(
      z.looseObject({ netBiosName: str, fqdn: str, privateIpAddress: str, publicIpAddress: str, os: str }),
    )
    .nullish(),
  fileStates: z
    .array(
      z.looseObject({
        name: str,
        path: str,
        fileHash: z.looseObject({ hashType: str, hashValue: str }).nullish(),
      }),
    )
    .nullish(),
  networkConnections: z
    .array(
      z.looseObject({
        destinationDomain: str,
        sourceAddress: str,
        destinationAddress: str,
        destinationUrl: str,
      }),
    )
    .nullish(),
});
export type LegacyAlert = z.infer<typeof legacyAlertSchema>;
export const legacyAlertListSchema = z.looseObject({ value: z.array(legacyAlertSchema) });

/** Claims of the configuration token, as the seed's module type defines them (custom_<claim>). */
export const claimsSchema = z.looseObject({
  application_id: z.string().min(1),
  tenant_id: z.string().min(1),
  client_secret: z.string().min(1),
  CTR_ENTITIES_LIMIT: z.union([z.string(), z.number()]).optional(),
});
export type GraphSecurityClaims = z.infer<typeof claimsSchema>;
