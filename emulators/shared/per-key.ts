// State kept per key and made on first use: per tenant (case-insensitive GUIDs), or beside an object
// that must not be kept alive by it (a WeakMap keyed by an emulator's state).

/** The value under `key`, made by `make` and stored the first time it is asked for. */
export function getOrCreate<K extends object, V>(map: WeakMap<K, V>, key: K, make: () => V): V;
export function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V;
export function getOrCreate<K extends object, V>(map: Map<K, V> | WeakMap<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** One value per tenant id; ids differ only in case name the same tenant. */
export class PerTenant<T> {
  private readonly byTenant = new Map<string, T>();

  constructor(private readonly make: () => T) {}

  of(tenantId: string): T {
    return getOrCreate(this.byTenant, tenantId.toLowerCase(), this.make);
  }

  clear(): void {
    this.byTenant.clear();
  }
}
