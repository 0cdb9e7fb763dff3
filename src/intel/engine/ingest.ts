// A source's read: pages from its stored cursor, each page's indicators staged with the cursor that
// follows it. Rejected values are counted by reason and sampled, never staged and never fatal.
import { SourceReadError } from '../errors.js';
import type { Indicator } from '../model/indicator.js';
import type { IntelSource } from '../sources/types.js';
import type { IntelStaging } from '../store/staging.js';
import { emptySourceCounts, MAX_SAMPLES, type SourceCounts } from './counts.js';

export interface IngestOptions {
  nowMs: number;
  signal?: AbortSignal;
  onPage?(counts: SourceCounts): void;
}

/**
 * Reads the source up to now. A read that fails part-way keeps every page staged before it; the
 * error (GSOC_INTEL_SOURCE_FAILED) is thrown after, with the counts so far attached as `counts`.
 */
export async function ingest(
  source: IntelSource,
  staging: IntelStaging,
  o: IngestOptions,
): Promise<SourceCounts> {
  const counts = emptySourceCounts();
  const cursor = await staging.cursor(source.name);
  try {
    for await (const page of source.read(cursor, { nowMs: o.nowMs, signal: o.signal })) {
      const good: Indicator[] = [];
      for (const item of page.items) {
        counts.read++;
        if (item.ok) {
          good.push(item.indicator);
          continue;
        }
        counts.rejected++;
        counts.rejectedBy[item.reason] = (counts.rejectedBy[item.reason] ?? 0) + 1;
        if (counts.samples.length < MAX_SAMPLES)
          counts.samples.push({ reason: item.reason, type: item.claimedType, sample: item.sample });
      }
      const staged = await staging.stagePage(source.name, good, page.cursor);
      counts.pages++;
      counts.new += staged.new;
      counts.changed += staged.changed;
      counts.unchanged += staged.unchanged;
      o.onPage?.(counts);
    }
  } catch (e) {
    if (o.signal?.aborted) throw e;
    throw Object.assign(new SourceReadError(source.name, e), { counts });
  }
  return counts;
}
