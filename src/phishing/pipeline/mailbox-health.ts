// How each report mailbox's last round went, kept in the database so that every instance's dashboard
// shows it, not only the owner's log: a mailbox graphsoc cannot read (a revoked permission, a removed
// mailbox) or whose reports wait for Archer is the first thing an operator must see. Written only when
// the state changes, not on every round.
//
// A problem of an outside service is one steady state for the whole outage, with the time it began:
// it stays while any report still waits for the service, and a round that met no such report (nothing
// was due, or nothing needed Archer) clears it only once the service answers again.
import { z } from 'zod';
import type { KvState } from '../../platform/db/index.js';
import { folderKey, type WatchedFolder } from '../ingest/folders.js';
import type { PhishingReportStep, ReportRow } from '../store/index.js';

/** The outside services a report can wait for. */
export type OutsideService = 'Archer' | 'Graph';

const mailboxHealthSchema = z.object({
  /** Undefined while rounds succeed. */
  problem: z.string().optional(),
  /** The service the mailbox's reports wait for; undefined for a round that failed on its own. */
  service: z.enum(['Archer', 'Graph']).optional(),
  /** Epoch ms: when rounds began to succeed, or when the problem began. */
  since: z.number(),
});

export type MailboxHealth = z.infer<typeof mailboxHealthSchema>;

const PROBLEM_MAX = 300;
const key = (f: WatchedFolder) => `phishing:health:${folderKey(f)}`;

export class MailboxHealthBoard {
  readonly #kv: KvState;
  readonly #now: () => number;
  /** What this instance last wrote, per folder, so an unchanged state costs no write. */
  readonly #last = new Map<string, MailboxHealth>();

  constructor(kv: KvState, now: () => number = Date.now) {
    this.#kv = kv;
    this.#now = now;
  }

  /** The outcome of a round: no problem, or what went wrong (and which service it waits for). */
  async record(f: WatchedFolder, problem: string | undefined, service?: OutsideService): Promise<void> {
    const text = problem?.slice(0, PROBLEM_MAX);
    const last = await this.current(f);
    if (last && last.problem === text && last.service === service) return;
    // A problem that changes its wording is still the same outage: it keeps its start.
    const since = last && last.problem !== undefined && text !== undefined ? last.since : this.#now();
    const next: MailboxHealth = {
      ...(text !== undefined ? { problem: text } : {}),
      ...(text !== undefined && service ? { service } : {}),
      since,
    };
    await this.#kv.set(key(f), JSON.stringify(next));
    this.#last.set(key(f), next);
  }

  /** The state as this instance last wrote it, else as the database has it. */
  async current(f: WatchedFolder): Promise<MailboxHealth | undefined> {
    return this.#last.get(key(f)) ?? (await this.read(f));
  }

  /** Reads the database next time: another instance may have owned the mailbox meanwhile. */
  forget(f: WatchedFolder): void {
    this.#last.delete(key(f));
  }

  async read(f: WatchedFolder): Promise<MailboxHealth | undefined> {
    const raw = await this.#kv.get(key(f));
    if (!raw) return undefined;
    // Only a display: a value that does not parse is as good as none, and is rewritten next round.
    try {
      const v = mailboxHealthSchema.safeParse(JSON.parse(raw));
      return v.success ? v.data : undefined;
    } catch {
      return undefined;
    }
  }
}

/** The service a report stopped by an outage waits for, from the last step it completed. */
export function serviceAfter(step: PhishingReportStep): OutsideService {
  // Fetching, telling the reporter and moving call Graph; only the step after 'analysed' calls Archer.
  return step === 'analysed' ? 'Archer' : 'Graph';
}

/**
 * The reports of one mailbox that met an outage and have not got past it, with the service each waits
 * for, and the services a report got past this round. Kept by the mailbox's owner between rounds: a
 * report waits for its retry without being due, and the rounds in between must not take the quiet
 * for a recovery. The store says which reports wait: it keeps failing_since while a report's last
 * failure was an outage, and a step done or a failure of its own clears it.
 */
export class WaitingReports {
  readonly #waiting = new Map<number, { service: OutsideService; reason: string }>();
  #recovered = new Set<OutsideService>();

  /** Whether the round must read the report again once it has worked on it. */
  watches(due: ReportRow): boolean {
    return this.#waiting.has(due.id) || due.failing_since !== null;
  }

  /** Notes where a report stands after the round worked on it: `due` as it was, `now` as it is. */
  update(due: ReportRow, now: ReportRow | undefined): void {
    if (due.failing_since !== null && now && (now.step !== due.step || now.failing_since === null)) {
      // Past the step it waited at, or failed there on its own: the service answered.
      this.#recovered.add(serviceAfter(due.step));
    }
    if (now?.state === 'pending' && now.failing_since !== null) {
      this.#waiting.set(due.id, { service: serviceAfter(now.step), reason: now.last_error ?? 'unavailable' });
    } else this.#waiting.delete(due.id);
  }

  /** A service reports wait for, `prefer` when any waits for it; undefined when none waits. */
  any(prefer?: OutsideService): { service: OutsideService; reason: string } | undefined {
    let found: { service: OutsideService; reason: string } | undefined;
    for (const w of this.#waiting.values()) {
      if (w.service === prefer) return w;
      found ??= w;
    }
    return found;
  }

  /** The services a report got past since the last call. */
  takeRecovered(): ReadonlySet<OutsideService> {
    const r = this.#recovered;
    this.#recovered = new Set();
    return r;
  }
}

export interface RoundFacts {
  waiting: WaitingReports;
  /**
   * False until every report that met an outage before this owner took the mailbox has been due once:
   * until then an empty `waiting` proves nothing.
   */
  complete: boolean;
  /** Whether the service answers now; asked only when no report tells. */
  works(service: OutsideService): Promise<boolean>;
}

/**
 * What a round that read the mailbox leaves on the board: the outage reports still wait for; else the
 * standing problem of a service until a report gets past it, or nothing waits for it any more and it
 * answers; else nothing.
 */
export async function recordRound(board: MailboxHealthBoard, f: WatchedFolder, r: RoundFacts): Promise<void> {
  const last = await board.current(f);
  const recovered = r.waiting.takeRecovered();
  const waits = r.waiting.any(last?.service);
  if (waits) return board.record(f, `reports wait for ${waits.service}: ${waits.reason}`, waits.service);
  const standing = last?.problem !== undefined ? last.service : undefined;
  if (standing && !recovered.has(standing) && (!r.complete || !(await r.works(standing)))) return;
  return board.record(f, undefined);
}
