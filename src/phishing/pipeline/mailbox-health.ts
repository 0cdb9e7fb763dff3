// How each report mailbox's last round went, kept in the database so that every instance's dashboard
// shows it, not only the owner's log: a mailbox graphsoc cannot read (a revoked permission, a removed
// mailbox) or whose reports wait for Archer is the first thing an operator must see. Written only when
// the state changes, not on every round.
import { z } from 'zod';
import type { KvState } from '../../platform/db/index.js';
import { folderKey, type WatchedFolder } from '../ingest/folders.js';

const mailboxHealthSchema = z.object({
  /** Undefined while rounds succeed. */
  problem: z.string().optional(),
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

  /** The outcome of a round: no problem, or what went wrong. */
  async record(f: WatchedFolder, problem: string | undefined): Promise<void> {
    const text = problem?.slice(0, PROBLEM_MAX);
    const last = this.#last.get(key(f)) ?? (await this.read(f));
    if (last && last.problem === text) return;
    // A problem that changes its wording is still the same outage: it keeps its start.
    const since = last && last.problem !== undefined && text !== undefined ? last.since : this.#now();
    const next: MailboxHealth = { ...(text !== undefined ? { problem: text } : {}), since };
    await this.#kv.set(key(f), JSON.stringify(next));
    this.#last.set(key(f), next);
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
