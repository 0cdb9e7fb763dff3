// zod shapes of the Archer REST payloads we read (reference/archer-phishing.md §2; vendor pages cited
// per schema). Only the keys we use are required; Archer adds more between releases.
import { z } from 'zod';

/** @link https://help.archerirm.cloud/api_2024_09/en-us/content/api/webapi/webhelplanding.htm */
export const validationMessageSchema = z.looseObject({
  Reason: z.string().nullish(),
  Severity: z.number().nullish(),
  MessageKey: z.string().nullish(),
  Description: z.string().nullish(),
  ResourcedMessage: z.string().nullish(),
});
export type ValidationMessage = z.output<typeof validationMessageSchema>;

/** The envelope every REST answer uses; RequestedObject is parsed separately once IsSuccessful. */
export const envelopeSchema = z.looseObject({
  RequestedObject: z.unknown(),
  IsSuccessful: z.boolean(),
  ValidationMessages: z.array(validationMessageSchema).nullish(),
});
export type Envelope = z.output<typeof envelopeSchema>;

/** ASP.NET's error body (`{"Message": ...}`) or OData's (`{"error": {"message": ...}}`). */
export const archerErrorSchema = z.union([
  z.looseObject({ Message: z.string() }),
  z.looseObject({ error: z.looseObject({ code: z.string().optional(), message: z.string() }) }),
]);

/** @link https://help.archerirm.cloud/api_2024_08/en-us/content/api/restfulapi/authentication.htm */
export const sessionSchema = z.looseObject({ SessionToken: z.string().min(1) });

/** @link https://help.archerirm.cloud/api_2025_04/content/api/restfulapi/segmentsresources/metadata_application.htm */
export const applicationSchema = z.looseObject({
  Id: z.number().int(),
  Name: z.string(),
  Alias: z.string().nullish(),
});

/** @link https://help.archerirm.cloud/api_2025_04/content/api/restfulapi/segmentsresources/metadata_level.htm */
export const levelSchema = z.looseObject({
  Id: z.number().int(),
  Name: z.string(),
  Alias: z.string().nullish(),
  ModuleId: z.number().int().nullish(),
});

/** @link https://help.archerirm.cloud/api_2025_04/content/api/restfulapi/segmentsresources/metadata_field.htm */
export const fieldDefinitionSchema = z.looseObject({
  Id: z.number().int(),
  Name: z.string(),
  Alias: z.string().nullish(),
  Type: z.number().int(),
  LevelId: z.number().int().nullish(),
  IsRequired: z.boolean().nullish(),
  RelatedValuesListId: z.number().int().nullish(),
});

/** @link https://help.archerirm.cloud/api_2025_04/content/api/restfulapi/segmentsresources/metadata_values_list.htm */
export const valuesListValueSchema = z.looseObject({
  Id: z.number().int(),
  Name: z.string(),
  Alias: z.string().nullish(),
  IsSelectable: z.boolean().nullish(),
  EnableOtherText: z.boolean().nullish(),
});

/** @link https://help.archerirm.cloud/api_2025_04/content/api/restfulapi/segmentsresources/content.htm */
export const fieldContentSchema = z.looseObject({
  Type: z.number().int(),
  Value: z.unknown().optional(),
  IpAddressBytes: z.string().nullish(),
  FieldId: z.number().int().optional(),
});

export const contentSchema = z.looseObject({
  Id: z.number().int(),
  LevelId: z.number().int(),
  FieldContents: z.record(z.string(), fieldContentSchema),
});

export const idSchema = z.looseObject({ Id: z.number().int() });

export const attachmentSchema = z.looseObject({ AttachmentName: z.string(), AttachmentBytes: z.string() });

/** @link https://help.archerirm.cloud/api_2025_04/content/api/contentapi/contentapi_overview.htm */
export const contentApiPageSchema = z.looseObject({ value: z.array(z.record(z.string(), z.unknown())) });
