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
});
export const indicatorListSchema = z.looseObject({ value: z.array(indicatorSchema) });
