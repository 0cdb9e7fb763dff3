// Checks that a function over mail text runs in time linear in its input, without asserting a duration:
// the same hostile shape at 100 KB and at 1 MB, timed in the same run, must differ by far less than
// the 100× a quadratic pattern needs (linear is about 10×). Each size runs a few times and the
// fastest counts, so a garbage collection or a neighbour's burst on the machine does not decide.
// GSOC_LINEAR_BYTES sets the large size (the small is a tenth): a smaller one shows a quadratic
// pattern failing within seconds instead of the minutes its 1 MB run would take.
import assert from 'node:assert/strict';

const LARGE = Number(process.env.GSOC_LINEAR_BYTES ?? 1024 * 1024);
const SMALL = Math.ceil(LARGE / 10);
/** Well below the 100× of a quadratic pattern, well above linear's 10× plus noise. */
export const MAX_RATIO = 30;
/**
 * A shape whose 1 MB run takes less than this passes whatever its ratio: at a millisecond or two a
 * collection or a neighbour's burst decides the ratio, and even a quadratic cost that small at 1 MB
 * stays within a report's analysis budget at the 32 MB size limit.
 */
export const NOISE_FLOOR_MS = 20;

/** `unit` repeated to `bytes` characters, optionally between a fixed head and tail. */
export function shape(unit: string, bytes: number, head = '', tail = ''): string {
  return head + unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes) + tail;
}

/** A copy in memory of its own, so that timing one copy after another reads each from memory anew. */
const copy = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

/** The fastest of `rounds` runs of `fn` over all `inputs` one after another, in ms. */
async function fastest<T>(fn: (input: T) => unknown, inputs: readonly T[], rounds: number): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    for (const input of inputs) await fn(input);
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

export interface Timing {
  smallMs: number;
  largeMs: number;
  ratio: number;
}

/**
 * Times `fn` on the small and the large input. The small one is timed as ten copies of it in a row, a
 * megabyte read like the large input is, so that 100 KB staying in the processor's cache while 1 MB
 * does not (which takes a plain scan from 10× to 30× on a busy machine) does not count as the
 * function's; its time is a tenth of theirs, with a floor of 0.02 ms.
 */
export async function timeBySize<T>(fn: (input: T) => unknown, build: (bytes: number) => T): Promise<Timing> {
  const small = Array.from({ length: 10 }, () => build(SMALL));
  const large = [build(LARGE)];
  await fn(small[0] as T); // warm-up: compile the function and its patterns
  const smallMs = (await fastest(fn, small, 2)) / small.length;
  const largeMs = await fastest(fn, large, 2);
  return { smallMs, largeMs, ratio: largeMs / Math.max(smallMs, 0.02) };
}

/**
 * Asserts linear time for every hostile unit, each repeated to the test sizes (with head and tail);
 * `fn` may be async.
 */
export async function assertLinear(
  name: string,
  fn: (input: string) => unknown,
  units: readonly string[],
  o: { head?: string; tail?: string } = {},
): Promise<void> {
  const tooSlow: string[] = [];
  for (const unit of units) {
    // A collection or a neighbour's burst only ever adds time, to either size; a shape measured over
    // the bound is measured again, and its best ratio counts. A quadratic one stays near 100× each time.
    const build = (n: number) => copy(shape(unit, n, o.head, o.tail));
    let t = await timeBySize(fn, build);
    const slow = (x: Timing) => x.ratio >= MAX_RATIO && x.largeMs >= NOISE_FLOOR_MS;
    for (let again = 0; again < 2 && slow(t); again++) {
      const next = await timeBySize(fn, build);
      if (next.ratio < t.ratio) t = next;
    }
    if (slow(t))
      tooSlow.push(
        `${JSON.stringify(unit)}: ${t.smallMs.toFixed(1)} ms → ${t.largeMs.toFixed(1)} ms (×${t.ratio.toFixed(0)})`,
      );
  }
  assert.deepEqual(tooSlow, [], `${name} is not linear in its input:\n${tooSlow.join('\n')}`);
}

/**
 * The hostile shapes every function over mail text is tried with: letters without spaces, dotted
 * runs, unclosed and nested-looking tags, unclosed quotes, runs of @, dots, dashes and whitespace, and
 * the starts of every construct the analysis looks for.
 */
export const HOSTILE = [
  'a',
  'a.',
  '.a',
  '<a href=x ',
  '@',
  'a@',
  '@a.',
  '.@',
  '.',
  '-',
  '-.',
  ' ',
  ' \t',
  '<',
  '<a',
  '<a ',
  '"',
  '<a href="',
  "<a href='",
  '<a><b>',
  '<b><a href=x>',
  '</',
  '</a',
  '<script',
  '<br',
  '<hr',
  '&#',
  '&a',
  '(',
  '[',
  'http://',
  'hxxp',
  '[.]',
  '1.1.',
  '1:',
  ':',
  'a.co ',
  'From: a@a ',
] as const;
