// Ids of generated STIX objects: `<type>--<uuid>` whose first groups come from the collection's seed
// and whose last group is the object's index, so a test (or a new version) can find generated object
// i from its id without storing anything.
import { createHash } from 'node:crypto';

export function idPrefix(seed: number, collectionId: string): string {
  const h = createHash('sha256').update(`${seed}:${collectionId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-`;
}

export const generatedId = (type: string, prefix: string, index: number): string =>
  `${type}--${prefix}${index.toString(16).padStart(12, '0')}`;

/** The index a generated id names, or undefined for any other id. */
export function indexOfId(id: string, prefix: string): number | undefined {
  const at = id.indexOf('--');
  if (at < 0 || !id.startsWith(prefix, at + 2)) return undefined;
  const tail = id.slice(at + 2 + prefix.length);
  if (!/^[0-9a-f]{12}$/.test(tail)) return undefined;
  return Number.parseInt(tail, 16);
}
