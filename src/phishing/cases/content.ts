// The Archer record of a campaign, from the records of its reports: title from the configured
// template, a description an analyst can work from (verdict, score and thresholds, reasons with their
// points, sender and authentication, received chain, indicators with the targets of rewritten links,
// what the attachments hold, reporters). Every value from a message is escaped and every indicator
// defanged: the record is read in a browser, and a live link in it is one click from the attacker.
import {
  defang,
  defangProse,
  pointsNote,
  rewriterOf,
  scoreNote,
  signatureLines,
  unwrapUrl,
} from '../analyze/index.js';
import type { ReportKind } from '../parse/index.js';
import { inspectionLines } from './content-attachments.js';
import { escapeHtml, li } from './html.js';
import type { ReportRecord } from './report-record.js';

/** How a report button marked the report, for the analysts: a "not junk" of a phish matters. */
const KIND_NOTE: Record<ReportKind, string> = {
  phishing: ' (reported as phishing)',
  junk: ' (reported as junk)',
  'not-junk': ' (reported as NOT junk)',
  unspecified: '',
};

export function caseTitle(template: string, subject: string): string {
  const clean = subject.replace(/[\r\n\t]+/g, ' ').trim() || '(no subject)';
  return template.replaceAll('{subject}', defangProse(clean)).slice(0, 255);
}

const e = escapeHtml;

/** The worst verdict of the campaign's reports decides the record's. */
function worst(records: readonly ReportRecord[]) {
  const order = { clean: 0, suspicious: 1, malicious: 2 } as const;
  let best: ReportRecord['analysis'] = null;
  for (const r of records) {
    const a = r.analysis;
    if (a && (!best || order[a.verdict.level] > order[best.verdict.level])) best = a;
  }
  return best;
}

const union = (lists: Array<readonly string[]>) => [...new Set(lists.flat())].sort();

/**
 * A URL defanged and, when a gateway rewrote it (Safe Links, URL Defense …), where it leads: read from
 * the link itself, never fetched. The target is an indicator of its own in the list too.
 */
function urlLine(url: string): string {
  const rewriter = rewriterOf(url);
  if (!rewriter) return e(defang(url));
  const target = unwrapUrl(url);
  return e(
    `${defang(url)} → ${target ? defang(target) : 'a target only the gateway knows'} (${rewriter} link)`,
  );
}

export function caseDescription(records: readonly ReportRecord[]): string {
  const first = records[0];
  if (!first) return '<p>No report.</p>';
  const a = worst(records);
  const parts: string[] = [];
  parts.push(
    `<p><b>Verdict:</b> ${e(a?.verdict.level ?? 'unknown')}${a ? ` (${e(scoreNote(a.verdict))})` : ''}</p>`,
  );
  if (a && a.verdict.reasons.length > 0)
    parts.push(li(a.verdict.reasons, (r) => e(`${defangProse(r.text)} ${pointsNote(r)}`)));
  const incomplete = records.filter((r) => r.incomplete).length;
  if (incomplete > 0)
    parts.push(
      `<p><b>Analysed in part:</b> ${incomplete} of ${records.length} reports ran out of analysis time; their bodies were not read, so the verdict and indicators lack whatever those bodies hold.</p>`,
    );
  parts.push(
    '<p><b>Reported message</b></p>',
    li([
      `Subject: ${e(defangProse(first.subject))}`,
      `From: ${e(first.from ? defang(first.from) : '—')}`,
      `Reply-To: ${e(first.replyTo.map(defang).join(', ') || '—')}`,
      `Return-Path: ${e(first.returnPath ? defang(first.returnPath) : '—')}`,
      `Message-ID: ${e(first.messageId ?? '—')}`,
    ]),
  );
  if (a) {
    const auth = a.auth;
    parts.push(
      '<p><b>Authentication</b></p>',
      li([
        `SPF: ${e(auth.spf ?? '—')}`,
        `DKIM: ${e(auth.dkim ?? '—')}`,
        `DMARC: ${e(auth.dmarc ?? '—')}`,
        `ARC: ${e(auth.arc ?? '—')}`,
        `Microsoft compauth: ${e(auth.compauth ?? '—')}${auth.compauthReason ? e(` (reason ${auth.compauthReason})`) : ''}`,
        // graphsoc's own verification beside what the receiving system recorded, when it ran.
        ...(a.signatures ? signatureLines(a.signatures).map((l) => e(defangProse(l))) : []),
      ]),
      '<p><b>Received chain</b></p>',
      li(a.received, (h) =>
        e(`${h.from ?? '?'} → ${h.by ?? '?'} [${h.ips.join(', ')}] ${h.timestamp ?? ''}`),
      ),
    );
  }
  const analyses = records.flatMap((r) => (r.analysis ? [r.analysis] : []));
  const beyond = analyses.reduce((n, x) => n + (x.iocs.beyondLimit ?? 0), 0);
  parts.push(
    `<p><b>Indicators</b> (defanged)${beyond > 0 ? `; ${beyond} more beyond the limit of 1000 per kind and report are only in the original` : ''}</p>`,
    '<p>URLs</p>',
    li(union(analyses.map((x) => x.iocs.urls)), urlLine),
    '<p>Domains</p>',
    li(union(analyses.map((x) => x.iocs.domains)), (d) => e(defang(d))),
    '<p>IP addresses</p>',
    li(union(analyses.map((x) => x.iocs.ips)), e),
    '<p>E-mail addresses</p>',
    li(union(analyses.map((x) => x.iocs.emails)), (m) => e(defang(m))),
    '<p>Attachments</p>',
    li([...new Map(analyses.flatMap((x) => x.iocs.attachments).map((f) => [f.sha256, f])).values()], (f) =>
      e(`${f.name} (${f.contentType}, ${f.size} bytes) SHA-256 ${f.sha256} SHA-1 ${f.sha1} MD5 ${f.md5}`),
    ),
  );
  const inspected = inspectionLines(analyses);
  if (inspected.length > 0) parts.push('<p><b>Inside the attachments</b></p>', li(inspected));
  const others = [
    ...new Map(
      records
        .flatMap((r) => r.alsoAttached ?? [])
        .map((o) => [o.messageId ?? `${o.name}\n${o.subject}\n${o.from}`, o]),
    ).values(),
  ];
  if (others.length > 0)
    parts.push(
      '<p><b>Also attached to reports</b> (not analysed: each can be reported on its own)</p>',
      li(others, (o) =>
        e(
          `${defangProse(o.subject || o.name)} — from ${o.from ? defang(o.from) : 'unknown'}${o.messageId ? ` — ${o.messageId}` : ''}`,
        ),
      ),
    );
  parts.push(
    `<p><b>Reports</b> (${records.length})</p>`,
    li(records, (r) =>
      e(
        `${new Date(r.reportedAt).toISOString()} ${r.reporter ?? 'unknown reporter'}${KIND_NOTE[r.kind ?? 'unspecified']}${r.unparseable ? ` — could not be parsed: ${r.unparseable}` : ''}${r.incomplete ? ` — analysed in part: ${r.incomplete}` : ''}${r.campaignJoin ? ` — ${r.campaignJoin}` : ''}`,
      ),
    ),
  );
  return parts.join('\n');
}

/** The sending server: the first public IP of the received chain, from the outermost hop inwards. */
export function senderIp(records: readonly ReportRecord[]): string | undefined {
  const hops = records[0]?.analysis?.received ?? [];
  for (let i = hops.length - 1; i >= 0; i--) {
    const ip = hops[i]?.ips[0];
    if (ip) return ip;
  }
  return undefined;
}
