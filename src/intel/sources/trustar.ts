// TruSTAR as a source: time windows over the configured enclaves, from the last run's high-water mark
// (less an overlap, for observables TruSTAR indexes late) to now less a settling lag. The cursor says
// where inside a window the read is, so a stopped run resumes at the next page; a finished window
// moves the high-water mark. The indicators search cannot page past 10,000 results: a window that
// hits it is halved and read again (staging the same indicators twice changes nothing).
import {
  checkEnclaves,
  errors as trustarErrors,
  getRequestQuotas,
  MAX_WINDOW_MS,
  quotaLeft,
  searchIndicators,
  searchObservables,
  type TrustarClient,
} from '../../connectors/trustar/index.js';
import type { Observable, PrioritizedIndicator, SearchPage } from '../../connectors/trustar/index.js';
import { GsocError } from '../../platform/errors.js';
import { type CreateResult, createIndicator } from '../model/indicator.js';
import { claimFromTrustar, scoreFromTrustarPriority } from '../model/source-types.js';
import type { Tlp } from '../model/types.js';
import type { IntelSource, ReadOptions, SourcePage } from './types.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Check the request quota this often (quota reads do not count against it). */
const QUOTA_CHECK_PAGES = 25;
/** A window is not halved below this: a minute with 10,000 indicators is an error worth seeing. */
const MIN_WINDOW_MS = MINUTE;

export interface TrustarSourceOptions {
  /** observables (every observable, unscored; what the seed reads) or indicators (priority-scored, safelisted marked). */
  search: 'observables' | 'indicators';
  /** The first run reads this far back. */
  lookbackDays: number;
  /** Each run re-reads this much before the last high-water mark. */
  overlapMinutes: number;
  /** Windows end this long before now, so observables still being indexed are read next time. */
  lagMinutes: number;
  /** The longest window one search covers (indicators search: short, to stay under 10,000 results). */
  windowHours: number;
  /** TruSTAR marks no TLP on observables; the enclaves' sharing terms decide it. */
  tlp: Tlp;
  /** Stop reading (until the quota resets) when fewer calls than this are left. */
  quotaReserve: number;
}

interface Window {
  from: number;
  to: number;
  cursor?: string;
}

interface Cursor {
  v: 1;
  highWater: number;
  window?: Window;
}

export function createTrustarSource(client: TrustarClient, o: TrustarSourceOptions): IntelSource {
  return {
    name: 'trustar',
    read: (cursor, r) => readWindows(client, o, parseCursor(cursor), r),
    ping: async () => {
      await checkEnclaves(client);
    },
    close: () => client.close(),
  };
}

async function* readWindows(
  client: TrustarClient,
  o: TrustarSourceOptions,
  stored: Cursor | undefined,
  r: ReadOptions,
): AsyncGenerator<SourcePage> {
  const end = r.nowMs - o.lagMinutes * MINUTE;
  let state: Cursor = stored ?? { v: 1, highWater: end - o.lookbackDays * DAY };
  // The overlap applies once per run, to the window that starts at the last run's mark.
  let overlap = stored !== undefined && stored.window === undefined ? o.overlapMinutes * MINUTE : 0;
  const longest = Math.min(MAX_WINDOW_MS, o.windowHours * 3_600_000);
  // Pages already fetched are paid for and kept; the quota is looked at before the next ones.
  if (await quotaSpent(client, o.quotaReserve)) return;
  let pages = 0;
  while (state.window !== undefined || state.highWater < end) {
    const from = Math.max(state.highWater - overlap, end - MAX_WINDOW_MS);
    const window: Window = state.window ?? { from, to: Math.min(end, from + longest) };
    overlap = 0;
    let finished = false;
    try {
      for await (const page of search(client, o, window, r.signal)) {
        const items = page.items.map((item) => toIndicator(item, o, r.nowMs));
        if (page.nextCursor)
          state = { v: 1, highWater: state.highWater, window: { ...window, cursor: page.nextCursor } };
        else {
          state = { v: 1, highWater: Math.max(state.highWater, window.to) };
          finished = true;
        }
        yield { items, cursor: JSON.stringify(state) };
        if (++pages % QUOTA_CHECK_PAGES === 0 && (await quotaSpent(client, o.quotaReserve))) return;
      }
    } catch (e) {
      const pagingLimit = e instanceof GsocError && e.code === trustarErrors.PAGING_LIMIT.code;
      if (!pagingLimit || window.to - window.from <= MIN_WINDOW_MS) throw e;
      state = {
        v: 1,
        highWater: state.highWater,
        window: { from: window.from, to: window.from + Math.floor((window.to - window.from) / 2) },
      };
      continue;
    }
    if (!finished) {
      // A search that answered no page at all still covered its window.
      state = { v: 1, highWater: Math.max(state.highWater, window.to) };
      yield { items: [], cursor: JSON.stringify(state) };
    }
  }
}

function search(
  client: TrustarClient,
  o: TrustarSourceOptions,
  w: Window,
  signal?: AbortSignal,
): AsyncGenerator<SearchPage<Observable | PrioritizedIndicator>> {
  const query = { from: w.from, to: w.to, ...(w.cursor ? { cursor: w.cursor } : {}) };
  return o.search === 'indicators'
    ? searchIndicators(client, { ...query, includeSafelisted: true }, { signal })
    : searchObservables(client, query, { signal });
}

async function quotaSpent(client: TrustarClient, reserve: number): Promise<boolean> {
  const left = quotaLeft(await getRequestQuotas(client));
  return left !== undefined && left.left <= reserve;
}

function toIndicator(
  item: Observable | PrioritizedIndicator,
  o: TrustarSourceOptions,
  nowMs: number,
): CreateResult {
  if ('guid' in item && 'observable' in item) {
    const i = item as PrioritizedIndicator;
    const firstSeen = i.created ?? i.processedAt ?? nowMs;
    return createIndicator({
      type: claimFromTrustar(i.observable.type),
      value: i.observable.value,
      source: 'trustar',
      sourceRef: i.enclaveGuid,
      sourceId: i.guid,
      firstSeenMs: firstSeen,
      lastSeenMs: Math.max(firstSeen, i.updated ?? i.processedAt ?? firstSeen),
      tags: [
        ...i.userTags,
        ...i.submissionTags,
        ...i.attributes.map((a) => `${a.type.toLowerCase()}:${a.value}`),
      ],
      score: scoreFromTrustarPriority(i.priorityScore),
      tlp: o.tlp,
      // A safelisted indicator is TruSTAR saying it is benign: withdraw it wherever it was sent.
      revoked: i.safelisted,
    });
  }
  const obs = item as Observable;
  const firstSeen = obs.firstSeen ?? obs.lastSeen ?? nowMs;
  return createIndicator({
    type: claimFromTrustar(obs.type),
    value: obs.value,
    source: 'trustar',
    sourceRef: obs.enclaveGuids[0] ?? 'unknown',
    firstSeenMs: firstSeen,
    lastSeenMs: Math.max(firstSeen, obs.lastSeen ?? firstSeen),
    tags: obs.tags,
    score: null,
    tlp: o.tlp,
  });
}

function parseCursor(text: string | undefined): Cursor | undefined {
  if (text === undefined) return undefined;
  try {
    const c = JSON.parse(text) as Cursor;
    if (c?.v === 1 && Number.isFinite(c.highWater)) return c;
  } catch {
    // A cursor from another version: start from the look-back, as staging makes a re-read harmless.
  }
  return undefined;
}
