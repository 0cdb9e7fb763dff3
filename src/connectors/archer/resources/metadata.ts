// Names → ids: applications, levels, field definitions and values-list values, read from the System
// controller and cached (layouts rarely change; `reset()` drops the cache, like XSOAR's
// archer-reset-cache). A name that does not exist fails with the names that do.
import type { ArcherClient } from '../client.js';
import { ArcherUnknownNameError } from '../errors.js';
import { applicationSchema, fieldDefinitionSchema, levelSchema, valuesListValueSchema } from '../schemas.js';
import type { FieldDefinition, LevelRef } from '../types.js';

export interface ResolvedLevel {
  applicationId: number;
  applicationName: string;
  id: number;
  name: string;
  alias: string;
}

interface Named {
  Name: string;
}

/** Exact name first; otherwise a unique case-insensitive match (Archer names are case-insensitive in the UI). */
function pick<T extends Named>(items: readonly T[], name: string, kind: string, where: string): T {
  const exact = items.find((i) => i.Name === name);
  if (exact) return exact;
  const folded = items.filter((i) => i.Name.toLowerCase() === name.toLowerCase());
  if (folded.length === 1) return folded[0] as T;
  throw new ArcherUnknownNameError(
    kind,
    name,
    where,
    items.map((i) => i.Name),
  );
}

export class ArcherMetadata {
  #cache = new Map<string, Promise<unknown>>();

  constructor(private readonly client: ArcherClient) {}

  /** Drops every cached lookup, e.g. after an Archer admin changed a layout. */
  reset(): void {
    this.#cache.clear();
  }

  async level(ref: LevelRef): Promise<ResolvedLevel> {
    const apps = await this.#cached('applications', () =>
      this.client.list('system/application', applicationSchema),
    );
    const app = pick(apps, ref.application, 'application', 'on this instance');
    const levels = await this.#cached(`levels:${app.Id}`, () =>
      this.client.list(`system/level/module/${app.Id}`, levelSchema),
    );
    // The first level of a module is its base level (help.archerirm.cloud metadata_level.htm).
    const level =
      ref.level === undefined ? levels[0] : pick(levels, ref.level, 'level', `in application "${app.Name}"`);
    if (level === undefined)
      throw new ArcherUnknownNameError('level', '(base level)', `in application "${app.Name}"`, []);
    return {
      applicationId: app.Id,
      applicationName: app.Name,
      id: level.Id,
      name: level.Name,
      alias: level.Alias ?? level.Name.replace(/\W+/g, '_'),
    };
  }

  async fields(levelId: number): Promise<FieldDefinition[]> {
    const defs = await this.#cached(`fields:${levelId}`, () =>
      this.client.list(`system/fielddefinition/level/${levelId}`, fieldDefinitionSchema),
    );
    return defs.map((d) => ({
      id: d.Id,
      name: d.Name,
      alias: d.Alias ?? d.Name.replace(/\W+/g, '_'),
      type: d.Type,
      valuesListId: d.RelatedValuesListId ?? undefined,
    }));
  }

  async field(level: ResolvedLevel, name: string): Promise<FieldDefinition> {
    const fields = await this.fields(level.id);
    const byName = pick(
      fields.map((f) => ({ ...f, Name: f.name })),
      name,
      'field',
      `in level "${level.name}"`,
    );
    const { Name: _n, ...field } = byName;
    return field;
  }

  /** Values-list value name → id for a values-list field. */
  async valueId(field: FieldDefinition, name: string): Promise<number> {
    const listId = field.valuesListId;
    const values =
      listId === undefined
        ? []
        : await this.#cached(`values:${listId}`, () =>
            this.client.list(`system/valueslistvalue/flat/valueslist/${listId}`, valuesListValueSchema),
          );
    return pick(values, name, 'value', `in the values list of field "${field.name}"`).Id;
  }

  /** Values-list ids → names (for reading records back). */
  async valueNames(field: FieldDefinition, ids: readonly number[]): Promise<string[]> {
    const listId = field.valuesListId;
    if (listId === undefined) return ids.map(String);
    const values = await this.#cached(`values:${listId}`, () =>
      this.client.list(`system/valueslistvalue/flat/valueslist/${listId}`, valuesListValueSchema),
    );
    return ids.map((id) => values.find((v) => v.Id === id)?.Name ?? String(id));
  }

  /** One request per key even when many callers ask at once; a failure is not cached. */
  #cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.#cache.get(key) as Promise<T> | undefined;
    if (p === undefined) {
      p = load();
      this.#cache.set(key, p);
      p.catch(() => this.#cache.delete(key));
    }
    return p;
  }
}
