// Archer additions to the /_emulator control API: seed data, session idle timeout, forced session
// expiry and strict validation.
import { z } from 'zod';
import type { ControlRoutes } from '../shared/control-routes.js';
import { archerSeedSchema, type ArcherSeed } from './seed-schema.js';

export interface ArcherControlTarget {
  seed(data: ArcherSeed): void;
  setSessionIdleTimeoutMs(ms: number): void;
  expireSessions(): number;
  setStrict(strict: boolean): void;
}

const timeoutBody = z.object({ idleTimeoutMs: z.number().int().min(1).max(86_400_000) }).strict();
const strictBody = z.object({ strict: z.boolean() }).strict();

export function archerControlRoutes(target: ArcherControlTarget) {
  return (routes: ControlRoutes): void => {
    routes.body('POST', '/archer/seed', archerSeedSchema, (b) => void target.seed(b));
    routes.body('PUT', '/archer/sessions', timeoutBody, (b) => {
      target.setSessionIdleTimeoutMs(b.idleTimeoutMs);
    });
    routes.app.post('/archer/sessions/expire', async () => ({ expired: target.expireSessions() }));
    routes.body('PUT', '/archer/strict', strictBody, (b) => void target.setStrict(b.strict));
  };
}
