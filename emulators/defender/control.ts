// Defender additions to the /_emulator control API: how long new machine actions stay Pending (0:
// at once, a long time: never on their own), the per-API call limits with their timeScale, and the
// tenant's indicator cap, so a bench or the sandbox can shape the API over HTTP as tests do in process.
import { z } from 'zod';
import type { ControlRoutes } from '../shared/control-routes.js';
import type { DefenderState } from './store.js';

const completionBody = z.object({ completionMs: z.number().int().min(0).max(86_400_000) }).strict();

const count = z.number().int().min(1).max(1_000_000);
const rateBody = z
  .object({
    perMinute: count,
    perHour: count,
    bulkPerMinute: count.optional(),
    bulkPerHour: count.optional(),
    timeScale: z.number().min(1).max(10_000).optional(),
  })
  .strict();

const capBody = z.object({ cap: z.number().int().min(0).max(1_000_000) }).strict();

export function defenderControlRoutes(defender: DefenderState) {
  return (routes: ControlRoutes): void => {
    routes.body('PUT', '/defender/action-completion', completionBody, (b) => {
      defender.actionCompletionMs = b.completionMs;
    });
    routes.body('PUT', '/defender/rate', rateBody, (b) => void defender.rate.configure(b));
    routes.body('PUT', '/defender/indicator-cap', capBody, (b) => {
      defender.indicatorCap = b.cap;
    });
  };
}
