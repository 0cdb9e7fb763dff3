// What housekeeping deletes for the portal: codes that are expired and out of every rate-limit
// window, and ended portal sessions. The lead adds these to the feature's `purges`.
import { VerificationCodes } from '../store/codes.js';
import { PortalSessions } from '../store/portal-sessions.js';
import type { PortalDeps } from './deps.js';

export function portalPurges(
  deps: Pick<PortalDeps, 'config' | 'store' | 'clock'>,
): Array<{ name: string; run(): Promise<number> }> {
  const clock = deps.clock ?? Date.now;
  const v = deps.config.verification;
  const codes = new VerificationCodes(deps.store.db, { ...deps.config.rateLimits, ...v }, clock);
  const sessions = new PortalSessions(deps.store.db, clock);
  return [
    { name: 'accounts_codes', run: () => codes.purge() },
    { name: 'accounts_portal_sessions', run: () => sessions.purge() },
  ];
}
