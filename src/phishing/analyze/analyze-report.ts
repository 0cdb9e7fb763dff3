// analyzeReport: headers, indicators and a verdict for one parsed report. Pure and synchronous:
// no DNS, no reputation look-ups, no configuration loading; everything it knows comes in as arguments.
import { htmlToText } from '../parse/html-text.js';
import { attachmentUrls, inspectAttachments } from './attachments/index.js';
import type { ParsedReport } from '../parse/index.js';
import { type AntiSpam, antiSpam } from './antispam.js';
import { type AuthResults, authenticationResults } from './authentication.js';
import { normaliseSubject, urlSetFingerprint } from './campaign-key.js';
import { type TemplateSignature, templateSignature } from './template/index.js';
import { rewriterOf } from './unwrap/index.js';
import { domainOfEmail, hostOf, isIpAddress, registrableDomain } from './domains.js';
import { headerValues } from './headers.js';
import { type InspectionSummary, summariseInspection } from './inspection-summary.js';
import { extractIocs, type Iocs } from './iocs.js';
import { type Lookalike, lookalikeOf } from './lookalike.js';
import { type AnalyzeOptions, analyzeOptionsSchema } from './options.js';
import { parseReceived, type ReceivedHop } from './received.js';
import { listMail } from './signals/list-mail.js';
import { messageLinks } from './urls.js';
import { type Verdict, verdict } from './verdict.js';
import type { VerifiedSignatures } from './verified-signatures.js';

export interface Analysis {
  received: ReceivedHop[];
  auth: AuthResults;
  antiSpam: AntiSpam;
  iocs: Iocs;
  lookalikes: Lookalike[];
  /** What the look inside each attachment found, in brief (empty in the headers-only analysis). */
  inspected: InspectionSummary[];
  /** graphsoc's own DKIM and ARC verification, when it ran (phishing.verifySignatures). */
  signatures?: VerifiedSignatures;
  verdict: Verdict;
  /** Inputs for a campaign key; the caller decides how to combine them. */
  campaign: {
    subject: string;
    urlFingerprint: string | null;
    senderDomain: string | null;
    messageId: string | null;
    /** What copies of one template share, for grouping by similarity (absent in older records). */
    template?: TemplateSignature;
  };
}

/** What analysis is given besides the report and options: results of I/O done before it. */
export interface AnalyzeInputs {
  /** The original's signatures as graphsoc verified them (src/phishing/verify/). */
  signatures?: VerifiedSignatures;
}

export function analyzeReport(
  report: ParsedReport,
  options: AnalyzeOptions = {},
  inputs: AnalyzeInputs = {},
): Analysis {
  return analyse(report, options, true, inputs);
}

/**
 * The analysis without reading the bodies: envelope, Received chain, authentication and anti-spam
 * headers, addresses and IPs of the headers, attachments, and the rules that need nothing more. What a
 * report over its time budget gets; its text and HTML give no URLs, indicators or link checks here.
 */
export function analyzeHeaders(
  report: ParsedReport,
  options: AnalyzeOptions = {},
  inputs: AnalyzeInputs = {},
): Analysis {
  return analyse(report, options, false, inputs);
}

function analyse(
  report: ParsedReport,
  options: AnalyzeOptions,
  body: boolean,
  inputs: AnalyzeInputs,
): Analysis {
  const opts = analyzeOptionsSchema.parse(options);
  const m = report.original;
  const received = headerValues(m, 'Received').map(parseReceived);
  const auth = authenticationResults(m, { authservIds: opts.authservIds });
  const spam = antiSpam(m);
  // What the reader sees, read once for attachment inspection and the template signature: the HTML
  // when there is one (mail clients show it), whose text part is often a stub ("view this mail in
  // your browser") shared by unrelated campaigns.
  const visible = body ? (m.html ? htmlToText(m.html) : '') || m.text : '';
  // A look inside PDFs, Office files and archives; left out of the headers-only analysis with the bodies.
  const inspected =
    body && m.attachments.length > 0 ? inspectAttachments(m.attachments, { mailText: visible }) : [];
  const iocs = extractIocs(m, received, spam.report.CIP, opts, body, attachmentUrls(inspected));

  const fromDomain = m.from ? domainOfEmail(m.from.address) : null;
  const replyToDomains = [...new Set(m.replyTo.map((a) => domainOfEmail(a.address)))];
  const own = opts.ownDomains;
  const checked = new Set<string>();
  for (const d of [fromDomain, ...replyToDomains, m.returnPath ? domainOfEmail(m.returnPath) : null]) {
    const r = d ? registrableDomain(d) : null;
    if (r) checked.add(r);
  }
  for (const u of iocs.urls) {
    const h = hostOf(u);
    const r = h && !isIpAddress(h) ? registrableDomain(h) : null;
    if (r) checked.add(r);
  }
  const lookalikes = own.length
    ? [...checked].map((d) => lookalikeOf(d, own)).filter((l): l is Lookalike => l !== null)
    : [];

  // A gateway's link carries a token per message (SES, Mimecast, Safe Links' data=): its target,
  // which the indicators hold beside it, is what copies of one campaign share.
  const campaignUrls = iocs.urls.filter((u) => rewriterOf(u) === null);
  const subject = normaliseSubject(m.subject);
  return {
    received,
    auth,
    antiSpam: spam,
    iocs,
    lookalikes,
    inspected: inspected.map(summariseInspection),
    ...(inputs.signatures ? { signatures: inputs.signatures } : {}),
    verdict: verdict({
      message: m,
      auth,
      antiSpam: spam,
      fromDomain: fromDomain ? (registrableDomain(fromDomain) ?? fromDomain) : null,
      replyToDomains: replyToDomains.map((d) => registrableDomain(d) ?? d),
      urls: iocs.urls,
      inspected,
      links: body ? messageLinks(m) : [],
      list: listMail(m),
      text: visible,
      lookalikes,
      signatures: inputs.signatures ?? null,
      options: opts,
    }),
    campaign: {
      subject,
      urlFingerprint: urlSetFingerprint(campaignUrls),
      senderDomain: fromDomain,
      messageId: m.messageId,
      template: templateSignature({
        text: visible,
        subject,
        displayName: m.from?.name ?? '',
        sender: fromDomain ? (registrableDomain(fromDomain) ?? fromDomain) : null,
        urls: body ? campaignUrls : [],
        recipient: report.reporter,
      }),
    },
  };
}
