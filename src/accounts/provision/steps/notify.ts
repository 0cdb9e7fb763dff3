// Step `notify`: the "ready" mail, then done. An account's lifetime starts here (expires_at). The
// mail goes at least once: a crash between sending and recording sends it again.
import type { StepContext } from '../context.js';
import { afterCall, templateOf } from '../context.js';

const DAY_MS = 86_400_000;

export async function notifyStep(ctx: StepContext): Promise<void> {
  const { deps, r } = ctx;
  await deps.notify(r, 'ready');
  await afterCall(deps, 'notify', r);
  const days = r.kind === 'account' ? templateOf(ctx).config.accountLifetimeDays : undefined;
  await deps.requests.complete(
    r.id,
    r.kind,
    'notify',
    days === undefined ? {} : { expires_at: ctx.clock.now() + days * DAY_MS },
  );
}
