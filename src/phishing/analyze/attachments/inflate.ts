// Bounded zlib inflation for streams found inside attachments (PDF FlateDecode, zip deflate entries).
// A decompression bomb stops at the cap: zlib itself aborts once its output passes maxOutputLength, so
// the work done is bounded by the cap, not by what the stream would expand to.
import { constants, inflateRawSync, inflateSync } from 'node:zlib';

/** Inflated bytes one attachment, or one message, may still produce; shared by every stream in it. */
export class InflateBudget {
  private left: number;
  /** Set once a stream was cut short or refused because the budget ran out. */
  exhausted = false;

  constructor(readonly totalBytes: number) {
    this.left = totalBytes;
  }

  get remaining(): number {
    return this.left;
  }

  spend(bytes: number): void {
    this.left = Math.max(0, this.left - bytes);
  }
}

/** Why an inflation gave nothing: the data was not deflate, or it would pass the cap. */
export type InflateOutcome = { ok: true; bytes: Buffer } | { ok: false; reason: 'malformed' | 'capped' };

/**
 * Inflates `data` (zlib-wrapped, or raw deflate for zip entries) to at most `maxBytes` and the budget's
 * remainder. A truncated stream gives what it decoded (PDF writers often cut the last bytes); a stream
 * past the cap gives nothing and marks the budget, as a partial bomb is no evidence worth its cost.
 */
export function inflateBounded(
  data: Uint8Array,
  o: { raw: boolean; maxBytes: number; budget: InflateBudget },
): InflateOutcome {
  const cap = Math.min(o.maxBytes, o.budget.remaining);
  if (cap <= 0) {
    o.budget.exhausted = true;
    return { ok: false, reason: 'capped' };
  }
  const options = { maxOutputLength: cap, finishFlush: constants.Z_SYNC_FLUSH };
  try {
    const bytes = o.raw ? inflateRawSync(data, options) : inflateSync(data, options);
    o.budget.spend(bytes.length);
    return { ok: true, bytes };
  } catch (e) {
    // Node's RangeError for maxOutputLength; anything else is zlib refusing the data.
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      o.budget.spend(cap);
      o.budget.exhausted = true;
      return { ok: false, reason: 'capped' };
    }
    return { ok: false, reason: 'malformed' };
  }
}
