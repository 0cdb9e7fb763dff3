// TAXII additions to the /_emulator control API: add objects (or new versions of them) to a
// collection, revoke one, read a generated object by index, add users and tokens, and change the
// request limit and the page cap.
import { z } from 'zod';
import { type ControlRoutes, oneOrMany } from '../shared/control-routes.js';
import type { TaxiiToken, TaxiiUser } from './auth.js';
import type { StixObject } from './corpus/generate.js';
import type { LimitSettings } from './limits.js';

const stixObjectSchema = z.looseObject({
  type: z.string().min(1).max(250),
  id: z.string().min(3).max(300),
});
const collectionsSchema = z.union([z.literal('*'), z.array(z.string().min(1).max(200)).max(100)]);
const userSchema = z
  .object({
    username: z.string().min(1).max(200),
    password: z.string().min(1).max(200),
    collections: collectionsSchema,
  })
  .strict();
const tokenSchema = z.object({ token: z.string().min(8).max(500), collections: collectionsSchema }).strict();
const limitsSchema = z
  .object({
    perMinute: z.number().int().min(0).max(100_000).optional(),
    timeScale: z.number().min(1).max(10_000).optional(),
  })
  .strict();
const settingsSchema = z.object({ maxPageSize: z.number().int().min(1).max(100_000) }).strict();

/** An object as stored, with the date_added the emulator gave it. */
export interface AddedObject {
  object: StixObject;
  dateAdded: string;
}

export interface TaxiiControlTarget {
  /** Adds objects (a known id becomes a new version) with date_added now; throws for an unknown collection. */
  addObjects(collectionId: string, objects: StixObject[]): AddedObject[];
  /** A new version of the object with revoked: true and a later modified and date_added. */
  revokeObject(collectionId: string, id: string): AddedObject;
  /** The latest version of an object by id (undefined when the collection has none). */
  getObject(collectionId: string, id: string): StixObject | undefined;
  /** Generated object `index` (undefined once a newer version replaced it). */
  objectAt(collectionId: string, index: number): StixObject | undefined;
  addUser(user: TaxiiUser): void;
  addToken(token: TaxiiToken): void;
  setLimits(settings: Partial<LimitSettings>): void;
  setMaxPageSize(n: number): void;
}

export function taxiiControlRoutes(target: TaxiiControlTarget) {
  return (routes: ControlRoutes): void => {
    routes.body(
      'POST',
      '/taxii/collections/:id/objects',
      oneOrMany(stixObjectSchema),
      (b, p) => ({ added: target.addObjects(p.id as string, (Array.isArray(b) ? b : [b]) as StixObject[]) }),
      { failStatus: 404 },
    );
    routes.body(
      'POST',
      '/taxii/collections/:id/revoke',
      z.object({ id: z.string().min(3).max(300) }).strict(),
      (b, p) => target.revokeObject(p.id as string, b.id),
      { failStatus: 404 },
    );
    routes.app.get<{ Params: { id: string; index: string } }>(
      '/taxii/collections/:id/generated/:index',
      async (request, reply) => {
        const i = /^\d{1,7}$/.test(request.params.index) ? Number(request.params.index) : -1;
        let found: StixObject | undefined;
        try {
          found = target.objectAt(request.params.id, i);
        } catch {
          found = undefined;
        }
        return found ?? reply.code(404).send({ error: 'not_found', message: 'no such object' });
      },
    );
    routes.body('POST', '/taxii/users', userSchema, (b) => void target.addUser(b));
    routes.body('POST', '/taxii/tokens', tokenSchema, (b) => void target.addToken(b));
    routes.body('PUT', '/taxii/limits', limitsSchema, (b) => void target.setLimits(b));
    routes.body('PUT', '/taxii/settings', settingsSchema, (b) => void target.setMaxPageSize(b.maxPageSize));
  };
}
