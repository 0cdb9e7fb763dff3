// Reading seed files: JSON with a clear error naming the file, and lists given as a JSON array or as a
// Graph collection {"value": [...]}, the shape an export from a real service has.
import { existsSync, readFileSync } from 'node:fs';

export function readSeedJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`seed file ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The list a seed file holds, or undefined when there is no such file. With `singleEntity`, one object
 * with an id (e.g. a saved GET /security/alerts_v2/{id} answer) counts as a list of one.
 */
export function readSeedList(path: string, opts: { singleEntity?: boolean } = {}): unknown[] | undefined {
  if (!existsSync(path)) return undefined;
  const json = readSeedJson(path);
  if (Array.isArray(json)) return json;
  if (isRecord(json) && Array.isArray(json.value)) return json.value;
  if (opts.singleEntity && isRecord(json) && typeof json.id === 'string') return [json];
  throw new Error(`seed file ${path} must hold a JSON array or {"value": [...]}`);
}
