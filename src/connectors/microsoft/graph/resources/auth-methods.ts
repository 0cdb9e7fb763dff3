// Temporary Access Passes: a time-limited code a new user signs in with once to register their own
// methods, instead of a password anyone could read in a mail.
// https://learn.microsoft.com/graph/api/authentication-post-temporaryaccesspassmethods
import { z } from 'zod';
import { safePath } from '../../../../platform/http/index.js';
import type { GraphClient } from '../client.js';
import type { GraphCallOptions } from '../types.js';

export const temporaryAccessPassSchema = z.looseObject({
  id: z.string(),
  /** Shown once, in the answer to the create; never readable again. */
  temporaryAccessPass: z.string().nullish(),
  startDateTime: z.string().nullish(),
  lifetimeInMinutes: z.number().int().positive(),
  isUsableOnce: z.boolean().nullish(),
  isUsable: z.boolean().nullish(),
});
export type TemporaryAccessPass = z.output<typeof temporaryAccessPassSchema>;

/** Not repeated on a 429/503: a second pass would be a second credential. */
export async function createTemporaryAccessPass(
  graph: GraphClient,
  userId: string,
  pass: { lifetimeInMinutes: number; isUsableOnce: boolean; startDateTime?: string },
  o?: GraphCallOptions,
): Promise<TemporaryAccessPass> {
  return graph.post(
    safePath`/users/${userId}/authentication/temporaryAccessPassMethods`,
    { ...pass },
    temporaryAccessPassSchema,
    o,
  );
}
