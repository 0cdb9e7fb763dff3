// Prepares a request's observables for a module: drops exact duplicates and the types the module
// does not answer (each skipped type becomes one warning), as the newer relays' filter does.
import type { Observable } from './schemas.js';
import { RELAY_CODES } from './relay-error.js';

export function selectObservables(
  observables: readonly Observable[],
  supported: readonly string[],
  warn: (code: string, message: string) => void,
): Observable[] {
  const types = new Set(supported);
  const seen = new Set<string>();
  const skipped = new Set<string>();
  const out: Observable[] = [];
  for (const o of observables) {
    const value = o.value.trim();
    const key = `${o.type}\u0000${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!types.has(o.type)) {
      skipped.add(o.type);
      continue;
    }
    out.push({ type: o.type, value });
  }
  for (const t of [...skipped].sort()) {
    warn(
      RELAY_CODES.UNSUPPORTED_TYPE,
      `Observable type ${JSON.stringify(t.slice(0, 64))} is not supported by this module; skipped.`,
    );
  }
  return out;
}
