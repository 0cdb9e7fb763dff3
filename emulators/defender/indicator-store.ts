// One tenant's Defender indicators: the entities by id, an index by (indicatorType, indicatorValue)
// because "Submit or update" and import upsert on that pair, the 15,000 active-indicator cap, and
// expiry: Defender deletes an indicator once its expirationTime has passed (microsoft-365-docs#7245),
// so expired ones are dropped before every read or write. Also counts writes per (type, value), so a
// test can tell an update from a doubled write.
// https://learn.microsoft.com/defender-endpoint/api/ti-indicator
import type { DefenderObject } from './store.js';

/** "Up to 15,000 indicators per tenant" (manage-indicators); tests lower it. */
export const DEFAULT_INDICATOR_CAP = 15_000;

/** Set only when the indicator is created; an update keeps them (application: "only on create"). */
const CREATE_ONLY = ['id', 'createdBy', 'createdBySource', 'creationTimeDateTimeUtc', 'application'];

export type UpsertResult = { stored: DefenderObject; created: boolean } | { capReached: true };

export function indicatorKey(type: unknown, value: unknown): string {
  return `${String(type)}|${String(value).toLowerCase()}`;
}

export class IndicatorStore {
  private readonly byId = new Map<string, DefenderObject>();
  private readonly byKey = new Map<string, string>();
  private readonly writeCounts = new Map<string, number>();
  private nextId = 1;

  get size(): number {
    return this.byId.size;
  }

  values(): IterableIterator<DefenderObject> {
    return this.byId.values();
  }

  get(id: string): DefenderObject | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  delete(id: string): boolean {
    const found = this.byId.get(id);
    if (!found) return false;
    this.byId.delete(id);
    this.byKey.delete(indicatorKey(found.indicatorType, found.indicatorValue));
    return true;
  }

  /** A seeded indicator, stored as given (its own id when it has one). */
  seed(raw: Record<string, unknown>): DefenderObject {
    const key = indicatorKey(raw.indicatorType, raw.indicatorValue);
    const existingId = this.byKey.get(key);
    const existing = existingId === undefined ? undefined : this.byId.get(existingId);
    const id = existing?.id ?? (typeof raw.id === 'string' ? raw.id : this.newId());
    const numeric = Number(id);
    if (Number.isInteger(numeric) && numeric >= this.nextId) this.nextId = numeric + 1;
    const stored: DefenderObject = { ...existing, ...raw, id };
    this.byId.set(id, stored);
    this.byKey.set(key, id);
    return stored;
  }

  /**
   * Creates or updates by (type, value). `created` holds the fields set only on creation. A new one
   * past `cap` live indicators is refused; an update of an existing one is not.
   */
  upsert(fields: Record<string, unknown>, created: Record<string, unknown>, cap: number): UpsertResult {
    const key = indicatorKey(fields.indicatorType, fields.indicatorValue);
    const existingId = this.byKey.get(key);
    const existing = existingId === undefined ? undefined : this.byId.get(existingId);
    if (!existing && this.byId.size >= cap) return { capReached: true };
    const update = { ...fields };
    for (const k of CREATE_ONLY) delete update[k];
    const stored: DefenderObject = existing
      ? { ...existing, ...update }
      : { ...fields, ...created, id: this.newId() };
    this.byId.set(stored.id, stored);
    this.byKey.set(key, stored.id);
    this.writeCounts.set(key, (this.writeCounts.get(key) ?? 0) + 1);
    return { stored, created: !existing };
  }

  /** Drops every indicator whose expirationTime is before `nowMs`, as Defender does. */
  purgeExpired(nowMs: number): void {
    for (const i of [...this.byId.values()]) {
      const at = typeof i.expirationTime === 'string' ? Date.parse(i.expirationTime) : Number.NaN;
      if (!Number.isNaN(at) && at < nowMs) this.delete(i.id);
    }
  }

  /** API writes per `${indicatorType}|${lower-case value}` since the last reset. */
  writes(): Record<string, number> {
    return Object.fromEntries(this.writeCounts);
  }

  private newId(): string {
    while (this.byId.has(String(this.nextId))) this.nextId++;
    return String(this.nextId++);
  }
}
