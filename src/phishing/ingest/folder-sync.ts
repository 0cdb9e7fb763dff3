// One delta round over a report folder: every message it lists is recorded (once; ReportStore.seen is
// idempotent) before the new deltaLink is saved, so a crash mid-round repeats the round instead of
// skipping messages. A deltaLink Graph no longer accepts starts a full round again.
// https://learn.microsoft.com/graph/api/message-delta
import {
  errors,
  folderMessagesDelta,
  GraphError,
  type GraphClient,
} from '../../connectors/microsoft/graph/index.js';
import { isGsocError } from '../../platform/errors.js';
import type { KvState } from '../../platform/db/index.js';
import type { ReportStore } from '../store/index.js';
import { folderKey, type WatchedFolder } from './folders.js';

export interface SyncResult {
  listed: number;
  added: number;
  /** True when the saved deltaLink was refused and the folder was read from the start. */
  resynced: boolean;
}

export interface SyncOptions {
  signal?: AbortSignal;
  /** Messages per page (Prefer: odata.maxpagesize). */
  pageSize?: number;
}

const deltaKey = (f: WatchedFolder) => `phishing:delta:${folderKey(f)}`;

/** Whether the folder has a delta link kept (its next round reads only what changed), for display. */
export async function hasDeltaLink(kv: KvState, f: WatchedFolder): Promise<boolean> {
  return (await kv.get(deltaKey(f))) !== undefined;
}

export async function syncFolder(
  graph: GraphClient,
  reports: ReportStore,
  kv: KvState,
  f: WatchedFolder,
  o: SyncOptions = {},
): Promise<SyncResult> {
  const saved = await kv.get(deltaKey(f));
  try {
    return { ...(await round(graph, reports, kv, f, saved, o)), resynced: false };
  } catch (e) {
    // Graph no longer accepts the link, or it was saved against another Graph host (graphBaseUrl
    // changed, a database restored elsewhere, the sandbox restarted with new emulator ports): a full
    // round starts over, and reports already seen are not added twice.
    const stale =
      e instanceof GraphError ? e.resyncRequired : isGsocError(e) && e.code === errors.FOREIGN_LINK.code;
    if (!(saved && stale)) throw e;
    await kv.delete(deltaKey(f));
    return { ...(await round(graph, reports, kv, f, undefined, o)), resynced: true };
  }
}

async function round(
  graph: GraphClient,
  reports: ReportStore,
  kv: KvState,
  f: WatchedFolder,
  saved: string | undefined,
  o: SyncOptions,
): Promise<Omit<SyncResult, 'resynced'>> {
  const delta = folderMessagesDelta(graph, f.mailbox, f.folder, {
    deltaLink: saved,
    // Immutable ids survive the move to the Processed folder, so a report keeps one id throughout.
    prefer: ['IdType="ImmutableId"'],
    maxPageSize: o.pageSize ?? 50,
    query: { $select: 'id,internetMessageId,receivedDateTime' },
    ...(o.signal ? { signal: o.signal } : {}),
  });
  let listed = 0;
  let added = 0;
  for await (const page of delta) {
    for (const m of page) {
      // Present for a message that left the folder (moved to Processed by graphsoc, or deleted).
      if (m['@removed'] !== undefined) continue;
      listed++;
      const received = m.receivedDateTime ? Date.parse(m.receivedDateTime) : Number.NaN;
      const { isNew } = await reports.seen({
        mailbox: f.mailbox,
        messageId: m.id,
        internetMessageId: m.internetMessageId ?? undefined,
        receivedAt: Number.isFinite(received) ? received : Date.now(),
      });
      if (isNew) added++;
    }
  }
  if (delta.deltaLink) await kv.set(deltaKey(f), delta.deltaLink);
  return { listed, added };
}
