// The closing tally of `phishing analyze`, written to stderr so stdout stays pure records.
import type { VerdictLevel } from '../analyze/index.js';
import type { Outcome } from './outcome.js';

export interface Tally {
  /** Inputs read: analysed plus unparseable. */
  messages: number;
  verdicts: Record<VerdictLevel, number>;
  unparseable: number;
  unreadable: number;
}

export const emptyTally = (): Tally => ({
  messages: 0,
  verdicts: { clean: 0, suspicious: 0, malicious: 0 },
  unparseable: 0,
  unreadable: 0,
});

export function count(t: Tally, o: Outcome): void {
  if (o.unreadable !== null) {
    t.unreadable++;
    return;
  }
  t.messages++;
  if (o.level) t.verdicts[o.level]++;
  else t.unparseable++;
}

export function formatSummary(t: Tally, elapsedMs: number): string {
  const sec = elapsedMs / 1000;
  const rate = sec > 0 ? t.messages / sec : 0;
  const v = t.verdicts;
  return (
    `${t.messages} message${t.messages === 1 ? '' : 's'} in ${sec.toFixed(1)} s ` +
    `(${rate.toFixed(rate >= 100 ? 0 : 1)}/s): ${v.malicious} malicious, ${v.suspicious} suspicious, ` +
    `${v.clean} clean, ${t.unparseable} unparseable; ${t.unreadable} unreadable input${t.unreadable === 1 ? '' : 's'}\n`
  );
}
