// One report mailbox as a lease-owned unit of work: only the instance holding `phishing:<mailbox>`
// reads and processes it. Each round: renew the change subscription when a public URL exists, run a
// delta round, process every due report; then wait for the poll interval, a notification (this
// instance's webhook wakes the unit at once; another instance's sets the folder's poke in the database)
// or the next due retry.
import { setTimeout as sleep } from 'node:timers/promises';
import type { KvState } from '../../platform/db/index.js';
import { isGsocError } from '../../platform/errors.js';
import type { WorkUnit } from '../../platform/leases/index.js';
import type { Logger } from '../../platform/log.js';
import type { PhishingConfig } from '../config.js';
import { folderKey, type WatchedFolder } from '../ingest/folders.js';
import { syncFolder } from '../ingest/folder-sync.js';
import type { MailSubscriptions } from '../ingest/subscriptions.js';
import type { ReportRow } from '../store/index.js';
import {
  type MailboxHealthBoard,
  type OutsideService,
  recordRound,
  WaitingReports,
} from './mailbox-health.js';
import { reportSeconds, reportsWorked } from './metrics.js';
import { type ProcessDeps, processReport } from './process-report.js';
import type { Wakeups } from './wakeups.js';

type Mailbox = PhishingConfig['mailboxes'][number];

export const pokeKey = (f: WatchedFolder) => `phishing:poke:${folderKey(f)}`;

/** How often the owner looks for a poke between rounds. */
const POKE_CHECK_MS = 2000;
/** Reports processed per round before the folder is read again. */
const BATCH = 200;

export interface MailboxUnitDeps {
  mailbox: Mailbox;
  process: ProcessDeps;
  kv: KvState;
  pollEveryMs: number;
  /** Undefined while graphsoc has no usable public URL: then it only polls. */
  subscriptions(): MailSubscriptions | undefined;
  wakeups: Wakeups;
  /** Before the first round: the Archer mapping check (an outage there is Archer's, as when filing). */
  ready(): Promise<void>;
  /** Where each round's outcome is shown to operators. */
  health: MailboxHealthBoard;
  /**
   * Whether a service whose outage the board shows answers again, asked when no report waits for it
   * any more (after a restart, or once its reports were quarantined). Without it the problem clears then.
   */
  works?(service: OutsideService): Promise<boolean>;
}

export function mailboxUnit(d: MailboxUnitDeps): WorkUnit {
  const folder: WatchedFolder = { mailbox: d.mailbox.mailbox, folder: d.mailbox.folder };
  return {
    name: `phishing:${d.mailbox.mailbox.toLowerCase()}`,
    async run({ signal, logger }) {
      const log = logger.child({ mailbox: d.mailbox.mailbox });
      // Another instance may have owned the mailbox and written its state since this one last did.
      d.health.forget(folder);
      // Reports that met an outage and wait for their retry: the service's problem stays meanwhile.
      const waiting = new WaitingReports();
      // Reports that met an outage under the previous owner are all due once by then.
      let completeAfter: number | undefined;
      const retryMs = d.process.config.retryBaseSec * 1000;
      let lastPoke = (await d.kv.get(pokeKey(folder))) ?? '';
      // A full batch means more reports are due: the next round starts at once.
      let busy = false;
      // During an outage neither notifications nor due reports start a round before this time.
      let outageUntil = 0;
      let retryRound = false;
      // A subscription that could not be made is tried again this soon, not only after the poll interval.
      let subscribeAgainAt = 0;
      // Once per lease: is the stored subscription still alive at Graph?
      let verified = false;
      while (!signal.aborted) {
        const roundStarted = Date.now();
        busy = false;
        retryRound = false;
        let checked = false;
        try {
          await d.ready();
          checked = true;
          const subscribed = await ensureSubscription(d, folder, log, !verified);
          verified ||= subscribed;
          subscribeAgainAt = subscribed ? 0 : Date.now() + retryMs;
          const synced = await syncFolder(d.process.graph, d.process.reports, d.kv, folder, { signal });
          if (synced.added > 0) log.info({ added: synced.added }, 'new reports');
          const due = await d.process.reports.due(BATCH, d.mailbox.mailbox);
          busy = due.length === BATCH;
          const outage = await processAll(d, due, signal, log, waiting);
          if (outage !== undefined) {
            outageUntil = Date.now() + retryMs;
            busy = false;
          }
          completeAfter ??= roundStarted + retryMs;
          await recordRound(d.health, folder, {
            waiting,
            complete: roundStarted >= completeAfter,
            works: d.works ?? (async () => true),
          });
        } catch (err) {
          // Stopping (or losing the lease) cancels the round's calls: that is not a failure to report.
          if (signal.aborted) break;
          // The delta round or the mapping check failed: nothing tells the unit to try again, so it
          // does after the retry interval instead of the poll interval.
          log.error({ err }, 'mailbox round failed; the next round tries again');
          const why = err instanceof Error ? err.message : String(err);
          const archerDown = !checked && isGsocError(err) && err.retryable;
          await d.health
            .record(
              folder,
              archerDown ? `reports wait for Archer: ${why}` : `the mailbox round fails: ${why}`,
              archerDown ? 'Archer' : undefined,
            )
            .catch(() => undefined);
          outageUntil = Date.now() + retryMs;
          retryRound = true;
        }
        // Wait for the poll interval, a poke, or a report becoming due.
        while (!busy && !signal.aborted && Date.now() - roundStarted < d.pollEveryMs) {
          const outageLeft = outageUntil - Date.now();
          if (outageLeft > 0) {
            await sleep(Math.min(outageLeft, d.pollEveryMs), undefined, { signal }).catch(() => undefined);
            continue;
          }
          if (retryRound || (subscribeAgainAt > 0 && Date.now() >= subscribeAgainAt)) break;
          const woken = await d.wakeups.wait(folderKey(folder), POKE_CHECK_MS, signal);
          const poke = (await d.kv.get(pokeKey(folder)).catch(() => lastPoke)) ?? '';
          if (woken || poke !== lastPoke) {
            lastPoke = poke;
            break;
          }
          if ((await d.process.reports.due(1, d.mailbox.mailbox).catch(() => [])).length > 0) break;
        }
      }
    },
  };
}

/**
 * A subscription that cannot be made or renewed costs latency, not reports: the round still runs.
 * False when it failed.
 */
async function ensureSubscription(
  d: MailboxUnitDeps,
  folder: WatchedFolder,
  log: Logger,
  verify: boolean,
): Promise<boolean> {
  const subs = d.subscriptions();
  if (!subs) return true;
  try {
    await subs.ensure(folder, { verify });
    return true;
  } catch (err) {
    log.warn({ err }, 'change subscription could not be made; polling, and trying again soon');
    return false;
  }
}

/**
 * Works the due reports, `phishing.concurrency` at a time, oldest first. After an outage no further
 * report is started (the rest would fail the same way); returns its reason when one happened.
 */
async function processAll(
  d: MailboxUnitDeps,
  due: readonly ReportRow[],
  signal: AbortSignal,
  log: Logger,
  waiting: WaitingReports,
): Promise<string | undefined> {
  let next = 0;
  let outage: string | undefined;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (!outage && !failure && !signal.aborted && next < due.length) {
      const r = due[next++] as ReportRow;
      const state = await processReport(d.process, d.mailbox, r);
      reportsWorked.inc({ outcome: state === 'pending' ? 'retry' : state });
      if (state === 'done') reportSeconds.observe(Math.max(0, Date.now() - r.received_at) / 1000);
      if (state === 'quarantined') log.warn({ report: r.id }, 'report quarantined');
      // The first outage stops every lane: the backlog waits for the service, not for its attempts.
      const first = state === 'outage' && outage === undefined;
      if (first) outage = 'service unavailable';
      if (state !== 'outage' && !waiting.watches(r)) continue;
      const latest = await d.process.reports.get(r.id);
      waiting.update(r, latest);
      if (first) {
        outage = latest?.last_error ?? outage;
        log.warn({ report: r.id, err: latest?.last_error }, 'service unavailable; retrying later');
      }
    }
  };
  // Every lane ends before the round does, even when one fails: a lane still running into the next
  // round would work a report twice at once.
  const lanes = Array.from({ length: Math.min(d.process.config.concurrency, due.length) }, () =>
    lane().catch((error: unknown) => {
      failure ??= { error };
    }),
  );
  await Promise.all(lanes);
  if (failure) throw failure.error;
  return outage;
}
