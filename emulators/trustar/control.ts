// TruSTAR additions to the /_emulator control API: change the corpus (add, update, remove observables,
// or replace the generated part), credentials, token lifetime and forced expiry, limits and time
// compression, a 429 storm, and the call log with client headers and search bodies.
import { z } from 'zod';
import { type ControlRoutes, oneOrMany } from '../shared/control-routes.js';
import type { CallEntry } from './call-log.js';
import type { Stored } from './corpus/store.js';
import { MAX_CORPUS_SIZE } from './corpus/generate.js';
import type { LimitSettings } from './limits.js';
import type { ApiCredential } from './tokens.js';

const ms = z.number().int().min(0);
const guidList = z.array(z.string().min(1).max(100)).min(1).max(20);
const tags = z.array(z.string().max(200)).max(50);

export const newObservableSchema = z
  .object({
    type: z.string().min(1).max(40),
    value: z.string().min(1).max(100_000),
    firstSeen: ms.optional(),
    lastSeen: ms.optional(),
    enclaveGuids: guidList.optional(),
    tags: tags.optional(),
  })
  .strict();
export type NewObservable = z.output<typeof newObservableSchema>;

/** A generated observable by index, or an added one by type and value. */
export const observableRefSchema = z.union([
  z.object({ index: z.number().int().min(0) }).strict(),
  z.object({ type: z.string().min(1).max(40), value: z.string().min(1).max(100_000) }).strict(),
]);
export type ObservableRef = z.output<typeof observableRefSchema>;

export const updateSchema = z
  .object({
    ref: observableRefSchema,
    tags: tags.optional(),
    enclaveGuids: guidList.optional(),
    firstSeen: ms.optional(),
    lastSeen: ms.optional(),
  })
  .strict();
export type ObservableUpdate = z.output<typeof updateSchema>;

export const corpusSchema = z
  .object({
    seed: z.number().int().min(0).max(0xffff_ffff).optional(),
    size: z.number().int().min(0).max(MAX_CORPUS_SIZE).optional(),
    endMs: ms.optional(),
    spanMs: z.number().int().min(1).optional(),
  })
  .strict();
export type CorpusSettings = z.output<typeof corpusSchema>;

const limitsSchema = z
  .object({
    perMinute: z.number().int().min(0).max(100_000).optional(),
    dailyQuota: z.number().int().min(0).max(100_000_000).optional(),
    timeScale: z.number().min(1).max(10_000).optional(),
  })
  .strict();
const credentialSchema = z.object({
  apiKey: z.string().min(1).max(200),
  apiSecret: z.string().min(1).max(200),
});
const stormSchema = z.object({
  count: z.number().int().min(1).max(100_000),
  waitTimeMs: ms.max(600_000).optional(),
});

export interface TrustarControlTarget {
  addObservables(list: NewObservable[]): Stored[];
  updateObservable(update: ObservableUpdate): Stored;
  removeObservable(ref: ObservableRef): void;
  /** The generated observable at `index` (undefined once removed or changed). */
  observableAt(index: number): Stored | undefined;
  setCorpus(settings: CorpusSettings): void;
  addCredential(credential: ApiCredential): void;
  setTokenLifetimeMs(lifetimeMs: number): void;
  /** Ends every token now; answers how many. */
  expireTokens(): number;
  setLimits(settings: Partial<LimitSettings>): void;
  /** The next `count` API calls answer 429 with waitTime `waitTimeMs` (default stormWaitTimeMs). */
  storm(count: number, waitTimeMs?: number): void;
  calls(): CallEntry[];
  clearCalls(): void;
}

export function trustarControlRoutes(target: TrustarControlTarget) {
  return (routes: ControlRoutes): void => {
    routes.body('POST', '/trustar/observables', oneOrMany(newObservableSchema), (b) => ({
      added: target.addObservables(Array.isArray(b) ? b : [b]).length,
    }));
    routes.body('POST', '/trustar/observables/update', updateSchema, (b) => target.updateObservable(b), {
      failStatus: 404,
    });
    routes.body(
      'POST',
      '/trustar/observables/remove',
      observableRefSchema,
      (b) => target.removeObservable(b),
      {
        failStatus: 404,
      },
    );
    routes.app.get<{ Params: { index: string } }>('/trustar/observables/:index', async (request, reply) => {
      const found = /^\d{1,7}$/.test(request.params.index)
        ? target.observableAt(Number(request.params.index))
        : undefined;
      return found ? found : reply.code(404).send({ error: 'not_found', message: 'no such observable' });
    });
    routes.body('PUT', '/trustar/corpus', corpusSchema, (b) => void target.setCorpus(b));
    routes.body('POST', '/trustar/credentials', credentialSchema, (b) => void target.addCredential(b));
    routes.body('PUT', '/trustar/tokens', z.object({ lifetimeMs: z.number().int().min(1) }).strict(), (b) => {
      target.setTokenLifetimeMs(b.lifetimeMs);
    });
    routes.app.post('/trustar/tokens/expire', async () => ({ expired: target.expireTokens() }));
    routes.body('PUT', '/trustar/limits', limitsSchema, (b) => void target.setLimits(b));
    routes.body('POST', '/trustar/storm', stormSchema, (b) => void target.storm(b.count, b.waitTimeMs));
    routes.app.get('/trustar/calls', async () => ({ value: target.calls() }));
    routes.app.delete('/trustar/calls', async (_request, reply) => {
      target.clearCalls();
      return reply.code(204).send();
    });
  };
}
