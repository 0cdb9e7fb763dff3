// Defender additions to the /_emulator control API: how long new machine actions stay Pending, so a
// test can make them complete at once (0) or never on its own (a long time).
import { z } from 'zod';
import type { ControlRoutes } from '../shared/control-routes.js';
import type { DefenderState } from './store.js';

const completionBody = z.object({ completionMs: z.number().int().min(0).max(86_400_000) }).strict();

export function defenderControlRoutes(defender: DefenderState) {
  return (routes: ControlRoutes): void => {
    routes.body('PUT', '/defender/action-completion', completionBody, (b) => {
      defender.actionCompletionMs = b.completionMs;
    });
  };
}
