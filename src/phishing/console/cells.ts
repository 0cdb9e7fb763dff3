// Table cells and facts of the phishing pages. Every value from a mail (subject, sender, reporter, an
// IOC, a reason that quotes one) is plain data: the console escapes it and isolates its direction; here
// it is cut to a sane length and never becomes a link. IOCs are defanged, so a copy is not a live link.
import type { Cell, ConsoleRequest, Tone } from '../../platform/feature/console.js';
import { defang, defangProse } from '../analyze/index.js';
import { cut } from '../store/ioc-index.js';
import type { MessageId } from './messages.js';

/** What a page shows of a value from a mail; the cell of a report page shows more. */
export const SHOWN_MAX = 160;
export const IOCS_SHOWN = 20;

export type T = (id: MessageId, vars?: Readonly<Record<string, string | number>>) => string;
export const tOf = (req: ConsoleRequest): T => req.t as T;

/** A value from a mail, cut with a visible ellipsis. */
export function hostile(v: string | null | undefined, max = SHOWN_MAX): string {
  if (!v) return '';
  return v.length > max ? `${cut(v, max)}…` : v;
}

const TONES: Record<string, Tone> = { malicious: 'bad', suspicious: 'warn', clean: 'ok' };

export function verdictCell(t: T, verdict: string | null): Cell {
  const known = verdict === 'clean' || verdict === 'suspicious' || verdict === 'malicious';
  return known
    ? { text: t(`verdict.${verdict}`), tone: TONES[verdict] ?? 'muted' }
    : { text: t('verdict.none'), tone: 'muted' };
}

export function stateCell(t: T, state: string): Cell {
  const tone: Tone = state === 'quarantined' ? 'bad' : state === 'pending' ? 'info' : 'ok';
  const known = state === 'pending' || state === 'done' || state === 'quarantined';
  return { text: known ? t(`state.${state}`) : state, tone };
}

export function kindCell(t: T, kind: string | null): string {
  if (kind === 'phishing' || kind === 'junk' || kind === 'not-junk' || kind === 'unspecified')
    return t(`kind.${kind}`);
  return t('none');
}

export const timeCell = (ms: number): Cell => ({ text: new Date(ms).toISOString(), time: true });

/** IOCs defanged, the first `IOCS_SHOWN`, then how many more. */
export function iocList(t: T, values: readonly string[], max = IOCS_SHOWN): Cell {
  const shown: Cell[] = values.slice(0, max).map((v) => ({ text: hostile(defang(v)), code: true }));
  if (values.length > max) shown.push(t('more', { n: values.length - max }));
  return { list: shown };
}

/** A verdict reason's text: ours, but it may quote a host or address from the mail. */
export const reasonText = (text: string): string => hostile(defangProse(text), 400);
