// The expiry unit: every config.expiry.intervalMinutes it ends the accounts whose lifetime is over.
// Within notifyDaysBefore of expires_at the person is mailed once (expiry_notified_at); past it the
// user is disabled (accountEnabled false) and the person told; graceDays after that it is deleted
// (a 404 means it is gone already). Each move repeats safely: the directory change comes first and
// the mark after it, so a crash in between repeats the (idempotent) change and at worst a mail.
import { deleteUser, type GraphClient, updateUser } from '../../connectors/microsoft/graph/index.js';
import { type Clock, HttpStatusError, systemClock } from '../../platform/http/index.js';
import type { WorkUnit } from '../../platform/leases/index.js';
import type { Logger } from '../../platform/log.js';
import type { AccountsConfig } from '../config.js';
import type { AccountRequest, AccountRequests } from '../store/requests.js';
import type { GraphCallName, NotifyWhat } from './context.js';
import { describeError } from './failure.js';
import type { WritePacer } from './pacer.js';
import { pacerFor } from './engine.js';

const DAY_MS = 86_400_000;
/** Accounts looked at per run; the oldest expiry first. */
const BATCH = 10_000;

export interface ExpiryDeps {
  config: AccountsConfig;
  requests: AccountRequests;
  graph: GraphClient;
  notify: (r: AccountRequest, what: NotifyWhat) => Promise<void>;
  clock?: Clock;
  logger: Logger;
  /** The provisioner's pacer, so both stay within one write quota. */
  pacer?: WritePacer;
  /** Test hook: called right after each Graph call returned, before anything is recorded. */
  afterGraphCall?: (call: GraphCallName, r: AccountRequest) => void | Promise<void>;
}

export interface ExpiryCounts {
  notified: number;
  disabled: number;
  deleted: number;
  /** Accounts whose move failed this run (tried again next run). */
  errors: number;
}

export interface Expiry {
  runOnce(signal: AbortSignal): Promise<ExpiryCounts>;
  unit(): WorkUnit;
}

const WRITE = { retry: { maxRetries: 0 } } as const;

export function createExpiry(deps: ExpiryDeps): Expiry {
  const clock = deps.clock ?? systemClock;
  const pacer = deps.pacer ?? pacerFor(deps);
  const { notifyDaysBefore, graceDays, intervalMinutes } = deps.config.expiry;

  async function move(
    r: AccountRequest,
    now: number,
    signal: AbortSignal,
  ): Promise<keyof ExpiryCounts | undefined> {
    const userId = r.userId;
    if (userId === null || r.expiresAt === null) return undefined;
    if (r.disabledAt !== null) {
      if (now < r.disabledAt + graceDays * DAY_MS) return undefined;
      try {
        await pacer.write(() => deleteUser(deps.graph, userId, { ...WRITE, signal }), signal);
      } catch (e) {
        if (!(e instanceof HttpStatusError && e.status === 404)) throw e;
      }
      await deps.afterGraphCall?.('deleteUser', r);
      await deps.requests.mark(
        r.id,
        { deleted_at: now },
        { actor: 'system', action: 'directory.user-deleted', detail: { userId, upn: r.upn } },
      );
      return 'deleted';
    }
    if (r.expiresAt <= now) {
      try {
        await pacer.write(
          () => updateUser(deps.graph, userId, { accountEnabled: false }, { ...WRITE, signal }),
          signal,
        );
      } catch (e) {
        // Deleted by hand already: nothing to disable, and the delete later answers 404 too.
        if (!(e instanceof HttpStatusError && e.status === 404)) throw e;
      }
      await deps.afterGraphCall?.('disableUser', r);
      await deps.notify(r, 'disabled');
      await deps.requests.mark(
        r.id,
        { disabled_at: now },
        { actor: 'system', action: 'directory.user-disabled', detail: { userId, upn: r.upn } },
      );
      return 'disabled';
    }
    if (r.expiryNotifiedAt === null) {
      await deps.notify(r, 'expiring');
      await deps.requests.mark(
        r.id,
        { expiry_notified_at: now },
        { actor: 'system', action: 'expiry.notified', detail: { expiresAt: r.expiresAt } },
      );
      return 'notified';
    }
    return undefined;
  }

  async function runOnce(signal: AbortSignal): Promise<ExpiryCounts> {
    const counts: ExpiryCounts = { notified: 0, disabled: 0, deleted: 0, errors: 0 };
    const now = clock.now();
    for (const r of await deps.requests.expiring(now + notifyDaysBefore * DAY_MS, BATCH)) {
      if (signal.aborted) break;
      try {
        const done = await move(r, now, signal);
        if (done) counts[done]++;
      } catch (e) {
        if (signal.aborted) break;
        counts.errors++;
        deps.logger.warn({ request: r.id, error: describeError(e) }, 'account expiry step failed');
      }
    }
    return counts;
  }

  function unit(): WorkUnit {
    return {
      name: 'accounts.expiry',
      async run({ signal }) {
        while (!signal.aborted) {
          try {
            await runOnce(signal);
          } catch (e) {
            if (signal.aborted) break;
            deps.logger.error({ err: e }, 'account expiry run failed');
          }
          await clock.sleep(intervalMinutes * 60_000, signal).catch(() => {});
        }
      },
    };
  }

  return { runOnce, unit };
}
