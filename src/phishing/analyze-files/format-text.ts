// The person-readable form of one analyse record: a block per message, every indicator defanged so a
// terminal or a paste into a ticket cannot turn it into a link, every message-controlled character
// escaped so the message cannot drive the terminal. Built from the JSON record, so both agree.
import { defang, defangProse, pointsNote, scoreNote, signatureLines } from '../analyze/index.js';
import { escapeControl } from './escape.js';
import { type AnalysedRecord, type AnalyzeRecord, isFailed } from './record.js';

const safe = (s: string) => escapeControl(s);
const prose = (s: string) => escapeControl(defangProse(s));
const ioc = (s: string) => escapeControl(defang(s));

function mailbox(a: { name: string; address: string } | null): string {
  if (!a) return '-';
  return a.name ? `${prose(a.name)} <${ioc(a.address)}>` : ioc(a.address);
}

const list = (label: string, xs: string[]): string[] =>
  xs.length === 0 ? [] : [`  ${label}:`, ...xs.map((x) => `    ${x}`)];

function kib(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function analysed(r: AnalysedRecord): string[] {
  const a = r.auth;
  const auth = (['spf', 'dkim', 'dmarc', 'arc', 'compauth'] as const)
    .map((k) => `${k}=${a[k] === null ? '-' : safe(a[k])}`)
    .join(' ');
  const hops = r.received.filter((h) => h.ips.length > 0);
  const origin = r.source === 'wrapper' ? 'the file itself' : `${r.source}, depth ${r.depth}`;
  return [
    `  verdict: ${r.verdict.level.toUpperCase()} (${scoreNote(r.verdict)})`,
    ...r.verdict.reasons.map((x) => `    - ${prose(x.text)} ${safe(pointsNote(x))}`),
    `  subject: ${prose(r.subject)}`,
    `  from: ${mailbox(r.from)}`,
    `  reply-to: ${r.replyTo.length ? r.replyTo.map(mailbox).join(', ') : '-'}`,
    `  return-path: ${r.returnPath ? ioc(r.returnPath) : '-'}`,
    `  date: ${r.date ? safe(r.date) : '-'}`,
    `  message-id: ${r.messageId ? prose(r.messageId) : '-'}`,
    `  original: ${origin}`,
    `  auth: ${auth}`,
    ...(r.signatures ? signatureLines(r.signatures).map((l) => `  ${prose(l)}`) : []),
    ...list(
      'received from (newest first)',
      hops.map((h) => `${h.ips.map(ioc).join(', ')}${h.from ? ` (${ioc(h.from)})` : ''}`),
    ),
    ...list('urls', r.iocs.urls.map(ioc)),
    ...list('domains', r.iocs.domains.map(ioc)),
    ...list('ips', r.iocs.ips.map(ioc)),
    ...list('emails', r.iocs.emails.map(ioc)),
    ...list(
      'attachments',
      r.iocs.attachments.map(
        (x) => `${prose(x.name)} (${safe(x.contentType)}, ${kib(x.size)}) sha256 ${x.sha256}`,
      ),
    ),
    ...(r.iocs.allowListed > 0 ? [`  allow-listed indicators hidden: ${r.iocs.allowListed}`] : []),
    ...(r.iocs.beyondLimit ? [`  indicators beyond the limit of 1000 per kind: ${r.iocs.beyondLimit}`] : []),
    `  campaign: ${r.campaignKey ?? '-'}${
      r.campaignAliases.messageId && r.campaignAliases.fingerprint
        ? ` (also ${r.campaignAliases.messageId})`
        : ''
    }`,
    ...(r.warnings.length ? [`  warnings: ${r.warnings.map(safe).join(', ')}`] : []),
    ...list(
      'also attached (not analysed)',
      r.alsoAttached.map(
        (o) =>
          `${prose(o.subject || o.name)} from ${o.from ? ioc(o.from) : '-'}${o.messageId ? ` ${prose(o.messageId)}` : ''}`,
      ),
    ),
  ];
}

/** One block, ending in a blank line. */
export function formatText(r: AnalyzeRecord): string {
  const body = isFailed(r) ? [`  error: ${safe(r.error.code)}: ${prose(r.error.detail)}`] : analysed(r);
  return `${safe(r.file)}\n${body.join('\n')}\n\n`;
}
