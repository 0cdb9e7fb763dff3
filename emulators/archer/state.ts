// In-memory state of the Archer emulator: metadata indexed by id, content records, attachments.
// Content ids and attachment ids come from counters so a test run is deterministic.
import type {
  ParsedSeed,
  SeedApplication,
  SeedField,
  SeedLevel,
  SeedUser,
  SeedValue,
  SeedValuesList,
} from './seed-schema.js';

/** A stored field value in the shape Archer returns on a read (FieldContents entry minus FieldId). */
export type StoredValue =
  | { Type: 1; Value: string | null }
  | { Type: 2; Value: number | null }
  | { Type: 3; Value: string | null }
  | { Type: 4; Value: { ValuesListIds: number[]; OtherText: string | null } | null }
  | { Type: 9; Value: Array<{ ContentID: number }> | null }
  | { Type: 11; Value: number[] | null }
  | { Type: 19; IpAddressBytes: string | null };

export interface ContentRecord {
  id: number;
  levelId: number;
  fields: Map<number, StoredValue>;
}

export interface Attachment {
  id: number;
  name: string;
  bytesBase64: string;
  isSensitive: boolean;
}

export interface FieldInfo extends SeedField {
  levelId: number;
}

export interface LevelInfo extends SeedLevel {
  moduleId: number;
}

export class ArcherState {
  readonly applications = new Map<number, SeedApplication>();
  readonly levels = new Map<number, LevelInfo>();
  readonly fields = new Map<number, FieldInfo>();
  readonly valuesLists = new Map<number, SeedValuesList>();
  readonly values = new Map<number, SeedValue & { valuesListId: number }>();
  readonly users: SeedUser[] = [];
  readonly content = new Map<number, ContentRecord>();
  readonly attachments = new Map<number, Attachment>();
  private nextContentId = 500_001;
  private nextAttachmentId = 9_001;

  /** Adds (or replaces, by id) everything in a parsed seed except content, which needs field types. */
  addMetadata(seed: ParsedSeed): void {
    for (const app of seed.applications) {
      this.applications.set(app.id, app);
      for (const level of app.levels) {
        this.levels.set(level.id, { ...level, moduleId: app.id });
        for (const field of level.fields) this.fields.set(field.id, { ...field, levelId: level.id });
      }
    }
    for (const list of seed.valuesLists) {
      this.valuesLists.set(list.id, list);
      for (const v of list.values) this.values.set(v.id, { ...v, valuesListId: list.id });
    }
    for (const user of seed.users) {
      const i = this.users.findIndex((u) => u.username.toLowerCase() === user.username.toLowerCase());
      if (i >= 0) this.users.splice(i, 1, user);
      else this.users.push(user);
    }
  }

  newContentId(): number {
    while (this.content.has(this.nextContentId)) this.nextContentId += 1;
    return this.nextContentId++;
  }

  /** Keeps generated ids above seeded ones so a seed never collides with a later create. */
  reserveContentId(id: number): void {
    if (id >= this.nextContentId && id < this.nextContentId + 1_000_000) this.nextContentId = id + 1;
  }

  addAttachment(a: Omit<Attachment, 'id'>): Attachment {
    const stored = { ...a, id: this.nextAttachmentId++ };
    this.attachments.set(stored.id, stored);
    return stored;
  }

  fieldsOfLevel(levelId: number): FieldInfo[] {
    return [...this.fields.values()].filter((f) => f.levelId === levelId);
  }

  clear(): void {
    this.applications.clear();
    this.levels.clear();
    this.fields.clear();
    this.valuesLists.clear();
    this.values.clear();
    this.users.splice(0);
    this.content.clear();
    this.attachments.clear();
    this.nextContentId = 500_001;
    this.nextAttachmentId = 9_001;
  }
}
