// The provisioning engine: takes the approved requests that are due and walks each through its steps
// (model/request.ts), up to config.provisioning.concurrency requests at a time. Each step records
// what it made before the next starts and is safe to repeat, so a crash anywhere is followed by a
// run that ends in the same single account. A step's failure is classified (failure.ts): transient
// ones are postponed with backoff and jitter until maxAttempts, refusals fail the request at once
// with a stable reason. As a work unit it runs until its lease's signal aborts.
import { setMaxListeners } from 'node:events';
import type { GraphCallOptions } from '../../connectors/microsoft/graph/index.js';
import { systemClock } from '../../platform/http/index.js';
import type { WorkUnit } from '../../platform/leases/index.js';
import type { Step } from '../model/request.js';
import type { AccountRequest } from '../store/requests.js';
import { afterCall, type ProvisionerDeps, type StepContext } from './context.js';
import { ProvisionDeferredError } from './errors.js';
import { backoffDelayMs, classifyFailure } from './failure.js';
import { WritePacer } from './pacer.js';
import { SkuCache } from './sku-cache.js';
import { groupStep } from './steps/group.js';
import { groupsStep } from './steps/groups.js';
import { licencesStep } from './steps/licences.js';
import { notifyStep } from './steps/notify.js';
import { upnStep } from './steps/upn.js';
import { userStep } from './steps/user.js';

const STEP_RUNNERS: Record<Step, (ctx: StepContext) => Promise<void>> = {
  upn: upnStep,
  user: userStep,
  licences: licencesStep,
  groups: groupsStep,
  group: groupStep,
  notify: notifyStep,
};

/** What one run did with the requests it took. */
export interface ProvisionCounts {
  taken: number;
  done: number;
  failed: number;
  postponed: number;
  /** Left to another worker (it moved the request first) or stopped by the signal. */
  left: number;
}

export type RequestOutcome = keyof Omit<ProvisionCounts, 'taken'>;

export interface Provisioner {
  /** Works every due approved request once (through as many steps as it can), returns the counts. */
  runOnce(signal: AbortSignal): Promise<ProvisionCounts>;
  unit(): WorkUnit;
  readonly pacer: WritePacer;
}

/** Requests taken per run: enough to keep every slot busy for a while without one huge read. */
const BATCH_PER_SLOT = 16;
/** Graph writes are not repeated by the client: the pacer repeats 429s and the engine the rest. */
const WRITE_OPTIONS: GraphCallOptions = { retry: { maxRetries: 0 } };

export function pacerFor(deps: Pick<ProvisionerDeps, 'config' | 'clock'>): WritePacer {
  const p = deps.config.provisioning;
  return new WritePacer({
    writesPerWindow: p.writesPerWindow,
    windowMs: p.windowSeconds * 1000,
    clock: deps.clock ?? systemClock,
  });
}

export function createProvisioner(deps: ProvisionerDeps): Provisioner {
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const pacer = deps.pacer ?? pacerFor(deps);
  const skus = new SkuCache(deps.graph, () => clock.now());
  const { concurrency, maxAttempts } = deps.config.provisioning;
  const log = deps.logger;

  function contextFor(r: AccountRequest, signal: AbortSignal): StepContext {
    return {
      deps,
      r,
      signal,
      clock,
      skus,
      groupSettleMs: deps.groupSettleMs ?? 30_000,
      read: { signal },
      write: async (call, send) => {
        const result = await pacer.write(() => send({ ...WRITE_OPTIONS, signal }), signal);
        await afterCall(deps, call, r);
        return result;
      },
    };
  }

  async function failed(r: AccountRequest, step: Step, e: unknown): Promise<RequestOutcome> {
    const f = classifyFailure(e);
    if (f.permanent) {
      await deps.requests.fail(r.id, step, f.error, f.reason);
      log.warn({ request: r.id, step, reason: f.reason }, 'account request failed');
      return 'failed';
    }
    if (r.attempts + 1 >= maxAttempts) {
      await deps.requests.fail(r.id, step, f.error, 'RETRIES_EXHAUSTED');
      log.warn({ request: r.id, step, reason: 'RETRIES_EXHAUSTED' }, 'account request failed');
      return 'failed';
    }
    const backoff = backoffDelayMs(r.attempts, random);
    const wait = e instanceof ProvisionDeferredError ? Math.max(backoff, e.waitMs ?? 0) : backoff;
    await deps.requests.postpone(r.id, step, f.error, clock.now() + wait);
    log.info({ request: r.id, step, attempt: r.attempts + 1, waitMs: wait }, 'account step postponed');
    return 'postponed';
  }

  /** One request through its steps until done, failed, postponed or taken over. */
  async function work(first: AccountRequest, signal: AbortSignal): Promise<RequestOutcome> {
    let r: AccountRequest | undefined = first;
    while (r?.state === 'approved' && r.step !== null) {
      if (signal.aborted) return 'left';
      const step: Step = r.step;
      try {
        await STEP_RUNNERS[step](contextFor(r, signal));
      } catch (e) {
        // A stop (or a crash injected by a test) leaves the row as it is: the next run repeats the step.
        if (signal.aborted) return 'left';
        return failed(r, step, e);
      }
      const next = await deps.requests.get(r.id);
      if (next?.state === 'approved' && next.step === step) return 'left';
      r = next;
    }
    if (r?.state === 'done') return 'done';
    if (r?.state === 'failed') return 'failed';
    return 'left';
  }

  async function runOnce(outer: AbortSignal): Promise<ProvisionCounts> {
    // Every call in flight listens on the run's signal: a signal of the run's own, with room for them.
    const run = new AbortController();
    setMaxListeners(concurrency * 8 + 16, run.signal);
    const stop = () => run.abort(outer.reason);
    if (outer.aborted) stop();
    else outer.addEventListener('abort', stop, { once: true });
    try {
      return await runBatch(run.signal);
    } finally {
      outer.removeEventListener('abort', stop);
    }
  }

  async function runBatch(signal: AbortSignal): Promise<ProvisionCounts> {
    const due = await deps.requests.due(concurrency * BATCH_PER_SLOT);
    const counts: ProvisionCounts = { taken: due.length, done: 0, failed: 0, postponed: 0, left: 0 };
    let next = 0;
    const slot = async () => {
      while (next < due.length && !signal.aborted) {
        const r = due[next++] as AccountRequest;
        counts[await work(r, signal)]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, slot));
    counts.left += due.length - (counts.done + counts.failed + counts.postponed + counts.left);
    return counts;
  }

  function unit(): WorkUnit {
    const pollMs = deps.pollIntervalMs ?? 30_000;
    return {
      name: 'accounts.provisioning',
      async run({ signal }) {
        while (!signal.aborted) {
          let counts: ProvisionCounts | undefined;
          try {
            counts = await runOnce(signal);
          } catch (e) {
            if (signal.aborted) break;
            log.error({ err: e }, 'account provisioning run failed');
          }
          // A full batch may have left more due now: go again at once.
          if (counts && counts.taken >= concurrency * BATCH_PER_SLOT) continue;
          const due = await deps.requests.nextDue().catch(() => undefined);
          const wait = due === undefined ? pollMs : Math.min(pollMs, Math.max(0, due - clock.now()));
          await clock.sleep(Math.max(wait, 50), signal).catch(() => {});
        }
      },
    };
  }

  return { runOnce, unit, pacer };
}
