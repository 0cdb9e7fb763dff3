// zod shapes of the Defender for Endpoint payloads the connector reads. Loose on purpose: the API
// adds properties over time and an unknown one must not fail a call.
import { z } from 'zod';

const str = z.string().nullish();

/** @link https://learn.microsoft.com/defender-endpoint/api/common-errors */
export const defenderErrorSchema = z.object({
  error: z.looseObject({ code: z.string(), message: z.string().optional(), target: z.string().optional() }),
});

/** @link https://learn.microsoft.com/defender-endpoint/api/machine */
export const machineSchema = z.looseObject({
  id: z.string(),
  computerDnsName: str,
  osPlatform: str,
  healthStatus: str,
  onboardingStatus: str,
  lastSeen: str,
  riskScore: str,
});
export const machineListSchema = z.looseObject({ value: z.array(machineSchema) });

/** @link https://learn.microsoft.com/defender-endpoint/api/machineaction */
export const machineActionSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  status: z.string(),
  machineId: str,
  requestor: str,
  requestorComment: str,
  creationDateTimeUtc: str,
  lastUpdateDateTimeUtc: str,
});
export const machineActionListSchema = z.looseObject({ value: z.array(machineActionSchema) });

/** @link https://learn.microsoft.com/defender-endpoint/api/ti-indicator */
export const indicatorSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  indicatorValue: z.string(),
  indicatorType: z.string(),
  action: str,
  title: str,
  severity: str,
  expirationTime: str,
  generateAlert: z.boolean().nullish(),
  createdBy: str,
  application: str,
});
export const indicatorListSchema = z.looseObject({ value: z.array(indicatorSchema) });

/**
 * One page of GET /api/indicators; `@odata.nextLink` must stay on `host` (the token goes with it).
 * @link https://learn.microsoft.com/defender-endpoint/api/get-ti-indicators-collection
 */
export function indicatorPageSchema(host: string) {
  return z.looseObject({
    value: z.array(indicatorSchema),
    '@odata.nextLink': z
      .string()
      .refine((link) => URL.canParse(link) && new URL(link).host === host, 'a link to another host')
      .optional(),
  });
}

/** @link https://learn.microsoft.com/defender-endpoint/api/import-ti-indicators */
export const importResultSchema = z
  .looseObject({
    id: z.union([z.string(), z.number()]).transform(String).nullish(),
    indicator: z.string().nullish(),
    isFailed: z.boolean(),
    failureReason: z.string().nullish(),
  })
  .refine((r) => r.isFailed || (typeof r.id === 'string' && r.id !== ''), 'an id for each imported item');

/** The answer has one result per item, in request order; `count` items were sent. */
export function importAnswerSchema(count: number) {
  return z.looseObject({
    value: z.array(importResultSchema).length(count, `one result per item (${count})`),
  });
}
