// Shape of an Archer emulator seed: applications with levels and field definitions, values lists,
// API users and content records. Ids are the caller's, so a seed can mirror a real instance.
import { z } from 'zod';

/** Archer field type codes (help.archerirm.cloud metadata_field.htm); the emulator stores these. */
export const FIELD_TYPES = {
  text: 1,
  numeric: 2,
  date: 3,
  valuesList: 4,
  crossReference: 9,
  attachment: 11,
  ipAddress: 19,
} as const;

const fieldSchema = z
  .object({
    id: z.number().int().positive(),
    name: z.string().min(1),
    alias: z.string().min(1).optional(),
    type: z.union(Object.values(FIELD_TYPES).map((t) => z.literal(t))),
    isRequired: z.boolean().default(false),
    /** Values-list fields: the list their values come from. */
    valuesListId: z.number().int().positive().optional(),
    /** Cross-reference fields: the level of the records they point to. */
    relatedLevelId: z.number().int().positive().optional(),
  })
  .strict();

const levelSchema = z
  .object({
    id: z.number().int().positive(),
    name: z.string().min(1),
    alias: z.string().min(1).optional(),
    fields: z.array(fieldSchema).default([]),
  })
  .strict();

const applicationSchema = z
  .object({
    /** The application's id, which is also its module id in `level/module/{id}`. */
    id: z.number().int().positive(),
    name: z.string().min(1),
    alias: z.string().min(1).optional(),
    levels: z.array(levelSchema).min(1),
  })
  .strict();

const valuesListValueSchema = z
  .object({
    id: z.number().int().positive(),
    name: z.string().min(1),
    alias: z.string().optional(),
    parentId: z.number().int().positive().optional(),
    numericValue: z.number().optional(),
    enableOtherText: z.boolean().default(false),
    isSelectable: z.boolean().default(true),
  })
  .strict();

const valuesListSchema = z
  .object({
    id: z.number().int().positive(),
    name: z.string().min(1),
    values: z.array(valuesListValueSchema).min(1),
  })
  .strict();

const userSchema = z
  .object({
    userId: z.number().int().positive(),
    instanceName: z.string().min(1),
    username: z.string().min(1),
    userDomain: z.string().default(''),
    password: z.string().min(1),
  })
  .strict();

const contentSchema = z
  .object({
    id: z.number().int().positive(),
    levelId: z.number().int().positive(),
    /** Field id → what goes in `Value` for its type (`IpAddressBytes` for IP fields); see field-values.ts. */
    fields: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export const archerSeedSchema = z
  .object({
    applications: z.array(applicationSchema).default([]),
    valuesLists: z.array(valuesListSchema).default([]),
    users: z.array(userSchema).default([]),
    content: z.array(contentSchema).default([]),
  })
  .strict();

export type ArcherSeed = z.input<typeof archerSeedSchema>;
export type ParsedSeed = z.output<typeof archerSeedSchema>;
export type SeedApplication = ParsedSeed['applications'][number];
export type SeedLevel = SeedApplication['levels'][number];
export type SeedField = SeedLevel['fields'][number];
export type SeedValuesList = ParsedSeed['valuesLists'][number];
export type SeedValue = SeedValuesList['values'][number];
export type SeedUser = ParsedSeed['users'][number];
