// The CTIM Sighting schema and its parts: observed relations, targets, sensor coordinates, data table.
// A sighting says "this observable was seen here, this often"; relays emit one per alert (§2.7).
// Source: threatgrid/ctim doc/structures/sighting.md (reference/relay.md §5.1).
import { z } from 'zod';
import {
  entityIdSchema,
  externalReferenceSchema,
  markdown,
  medString,
  nonNegativeInt,
  observableSchema,
  observedTimeSchema,
  isoDateTime,
  schemaVersionSchema,
  shortString,
  uri,
} from './common.js';
import { observedRelationNameSchema } from './relations.js';
import {
  columnTypeSchema,
  confidenceSchema,
  resolutionSchema,
  sensorSchema,
  severitySchema,
  tlpSchema,
} from './vocabulary.js';

// sighting.md "ObservedRelation": source → relation → related, as reported by `origin`.
// Both ends are full observables; the Graph seed's `{sha256: …}` shorthand is not CTIM.
export const observedRelationSchema = z.strictObject({
  origin: medString.min(1),
  related: observableSchema,
  relation: observedRelationNameSchema,
  source: observableSchema,
  origin_uri: uri.optional(),
  relation_info: z.record(z.string(), z.unknown()).optional(),
});
export type ObservedRelation = z.infer<typeof observedRelationSchema>;

// sighting.md "IdentitySpecification": the device the sighting was made on.
export const identitySpecificationSchema = z.strictObject({
  observables: z.array(observableSchema),
  observed_time: observedTimeSchema,
  type: sensorSchema,
  os: z.string().optional(),
});
export type IdentitySpecification = z.infer<typeof identitySpecificationSchema>;

// sighting.md "SensorCoordinates": the device that made the sighting.
export const sensorCoordinatesSchema = z.strictObject({
  observables: z.array(observableSchema),
  type: sensorSchema,
  os: z.string().optional(),
});
export type SensorCoordinates = z.infer<typeof sensorCoordinatesSchema>;

// sighting.md "SightingDataTable" and "ColumnDefinition".
export const columnDefinitionSchema = z.strictObject({
  name: z.string().min(1),
  type: columnTypeSchema,
  description: markdown.optional(),
  required: z.boolean().optional(),
  short_description: z.string().optional(),
});

export const sightingDataTableSchema = z
  .strictObject({
    columns: z.array(columnDefinitionSchema),
    rows: z.array(z.array(z.unknown())),
    row_count: nonNegativeInt.optional(),
  })
  .refine((t) => t.rows.every((r) => r.length === t.columns.length), {
    message: 'Every row must have one cell per column.',
    path: ['rows'],
  });
export type SightingDataTable = z.infer<typeof sightingDataTableSchema>;

// sighting.md "Context": event lists. Graph never fills them, so only their shape (lists of
// objects under the documented keys) is checked here, not each event type's fields.
const events = z.array(z.record(z.string(), z.unknown())).optional();
export const sightingContextSchema = z.strictObject({
  file_create_events: events,
  file_delete_events: events,
  file_modify_events: events,
  file_move_events: events,
  http_events: events,
  library_load_events: events,
  netflow_events: events,
  process_create_events: events,
  registry_create_events: events,
  registry_delete_events: events,
  registry_rename_events: events,
  registry_set_events: events,
});

// sighting.md: the top-level Sighting object.
export const sightingSchema = z.strictObject({
  confidence: confidenceSchema,
  count: nonNegativeInt,
  id: entityIdSchema('sighting'),
  observed_time: observedTimeSchema,
  schema_version: schemaVersionSchema,
  type: z.literal('sighting'),
  activity_interval: observedTimeSchema.optional(),
  detection_interval: observedTimeSchema.optional(),
  modification_interval: observedTimeSchema.optional(),
  context: sightingContextSchema.optional(),
  data: sightingDataTableSchema.optional(),
  description: markdown.optional(),
  external_ids: z.array(z.string()).optional(),
  external_references: z.array(externalReferenceSchema).optional(),
  internal: z.boolean().optional(),
  language: shortString.optional(),
  observables: z.array(observableSchema).optional(),
  relations: z.array(observedRelationSchema).optional(),
  resolution: resolutionSchema.optional(),
  revision: nonNegativeInt.optional(),
  sensor: sensorSchema.optional(),
  sensor_coordinates: sensorCoordinatesSchema.optional(),
  severity: severitySchema.optional(),
  short_description: medString.optional(),
  source: medString.optional(),
  source_uri: uri.optional(),
  targets: z.array(identitySpecificationSchema).optional(),
  timestamp: isoDateTime.optional(),
  title: shortString.optional(),
  tlp: tlpSchema.optional(),
});
export type Sighting = z.infer<typeof sightingSchema>;
