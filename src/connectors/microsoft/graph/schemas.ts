// zod shapes of the Microsoft Graph payloads graphsoc reads: errors, collection pages and $batch, and the
// objects the resources return. Loose on purpose: Graph adds properties over time, and one we do not
// know must not fail a call.
import { z } from 'zod';

/**
 * Graph's error body.
 * @link https://learn.microsoft.com/graph/errors#error-resource-type
 */
export const graphErrorSchema = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string().default(''),
    innerError: z
      .looseObject({
        date: z.string().optional(),
        'request-id': z.string().optional(),
        'client-request-id': z.string().optional(),
      })
      .optional(),
    /** Directory errors name what clashed: `{ code: 'ObjectConflict', target: 'userPrincipalName' }`. */
    details: z
      .array(z.looseObject({ code: z.string().optional(), target: z.string().optional() }))
      .optional()
      .catch(undefined),
  }),
});

/**
 * One page of a collection or a delta round.
 * @link https://learn.microsoft.com/graph/paging
 * @link https://learn.microsoft.com/graph/delta-query-overview
 */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    value: z.array(item),
    '@odata.nextLink': z.string().optional(),
    '@odata.deltaLink': z.string().optional(),
  });
}

/**
 * JSON batching: request and answer.
 * @link https://learn.microsoft.com/graph/json-batching
 */
export const batchResponseSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
    }),
  ),
});

/** @link https://learn.microsoft.com/graph/api/organization-get */
export const organizationListSchema = z.object({ value: z.array(z.looseObject({ id: z.string() })) });

const str = z.string().nullish();

/**
 * A message as listed by delta or read by id; `@removed` marks one that left the folder.
 * @link https://learn.microsoft.com/graph/api/resources/message
 */
export const messageSchema = z.looseObject({
  id: z.string().min(1),
  internetMessageId: str,
  receivedDateTime: str,
  subject: str,
  categories: z.array(z.string()).nullish(),
  parentFolderId: str,
  '@removed': z.unknown().optional(),
});

/** @link https://learn.microsoft.com/graph/api/resources/mailfolder */
export const mailFolderSchema = z.looseObject({ id: z.string(), displayName: str });

/** @link https://learn.microsoft.com/graph/api/resources/subscription */
export const subscriptionSchema = z.looseObject({ id: z.string().min(1), expirationDateTime: z.string() });

/** @link https://learn.microsoft.com/graph/api/resources/user */
export const userSchema = z.looseObject({
  id: z.string(),
  accountEnabled: z.boolean().nullish(),
  displayName: str,
  mail: str,
  userPrincipalName: str,
});

/** @link https://learn.microsoft.com/graph/api/resources/group */
export const groupSchema = z.looseObject({
  id: z.string(),
  displayName: str,
  mailNickname: str,
  mail: str,
  description: str,
  groupTypes: z.array(z.string()).nullish(),
  mailEnabled: z.boolean().nullish(),
  securityEnabled: z.boolean().nullish(),
});

/** A group member: a user, group, device or service principal. @link https://learn.microsoft.com/graph/api/group-list-members */
export const directoryObjectSchema = z.looseObject({
  id: z.string(),
  '@odata.type': z.string().optional(),
  displayName: str,
  userPrincipalName: str,
});

/** @link https://learn.microsoft.com/graph/api/resources/security-alertevidence (and derived types) */
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

/** @link https://learn.microsoft.com/graph/api/resources/security-alert */
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

/**
 * Rows are only checked to be objects: thousands of them arrive per query and every column is read
 * with a type check where it is used, so a per-key record parse would cost time and add nothing.
 * @link https://learn.microsoft.com/graph/api/resources/security-huntingqueryresults
 */
const huntingRow = z.custom<Record<string, unknown>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  'expected an object per result row',
);
export const huntingResultsSchema = z.looseObject({
  results: z.array(huntingRow).default([]),
});

/** @link https://learn.microsoft.com/graph/api/resources/alert (legacy, retiring in 2026) */
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
