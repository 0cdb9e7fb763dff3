// The relay response envelope: `data` and/or `errors`, always HTTP 200 for protocol errors.
import type { RelayErrorBody } from './relay-error.js';

export interface RelayEnvelope<T> {
  data?: T;
  errors?: RelayErrorBody[];
}

/**
 * Assembles a response as the seeds do: `data` alone on success; `errors` alone when nothing was
 * found; both when partial results exist next to errors or warnings (reference/relay.md §2.3).
 */
export function envelope<T>(data: T | undefined, errors: readonly RelayErrorBody[] = []): RelayEnvelope<T> {
  const out: RelayEnvelope<T> = {};
  const hasData =
    data !== undefined && !(isPlainObject(data) && Object.keys(data).length === 0 && errors.length > 0);
  if (hasData) out.data = data;
  if (errors.length > 0) out.errors = [...errors];
  if (!hasData && errors.length === 0) out.data = data;
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
