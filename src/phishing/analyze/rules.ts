// The verdict rules. Each is small, has a stable code and a sentence an analyst can check against the
// message; its weight is the configuration's (reason-codes.ts holds the defaults). Codes are never
// renamed: dashboards and Archer records count them.
import { attachments } from './rules-attachments.js';
import { contentLure } from './rules-content.js';
import { linkHosts } from './rules-links.js';
import { senderClaims } from './rules-sender.js';
import { isFreeMail } from './signals/free-mail.js';
import { listExplains } from './list-explains.js';
import { signatureRules, verifiedOutranks } from './rules-signatures.js';
import { domainOfEmail, hasKnownSuffix, hostOf, registrableDomain } from './domains.js';
import type { Facts } from './facts.js';
import { type AdjustmentOf, pointsOf } from './reason-codes.js';
import { type Reason, reason } from './reason.js';
import { refang } from './refang.js';
import { destinationOf } from './unwrap/index.js';

export type { Reason } from './reason.js';

export type Rule = (f: Facts) => Reason[];

// permerror and temperror mean the check could not be run (RFC 8601 §2.7): no evidence either way.
const FAIL = new Set(['fail', 'hardfail', 'permfail']);

const authRule =
  (method: 'spf' | 'dkim' | 'arc', code: 'AUTH_SPF_FAIL' | 'AUTH_DKIM_FAIL' | 'AUTH_ARC_FAIL'): Rule =>
  (f) => {
    const r = f.auth[method];
    // graphsoc's own check of the signatures, when it reached a verdict, says more than the header.
    if (method !== 'spf' && verifiedOutranks(f, method)) return [];
    if (r && FAIL.has(r) && code === 'AUTH_DKIM_FAIL' && listExplains(f))
      return [
        reason(
          f,
          code,
          `DKIM check failed (${r}), as it does when a mailing list adds to a message.`,
          'through a mailing list',
        ),
      ];
    if (r && FAIL.has(r)) return [reason(f, code, `${method.toUpperCase()} check failed (${r}).`)];
    if (method === 'spf' && r === 'softfail')
      return [
        reason(f, 'AUTH_SPF_SOFTFAIL', 'SPF soft-failed: the sending server is not clearly authorised.'),
      ];
    return [];
  };

const dmarcRule: Rule = (f) => {
  const r = f.auth.dmarc;
  if (!r || !FAIL.has(r)) return [];
  const policy = f.auth.dmarcPolicy ?? null;
  const text = `DMARC check failed (${r}${policy ? `, policy ${policy}` : ''})`;
  if (listExplains(f))
    return [
      reason(
        f,
        'AUTH_DMARC_FAIL',
        `${text}, as it does for a mailing list's copy.`,
        'through a mailing list',
      ),
    ];
  // A domain that asks for nothing (p=none) is still collecting reports: its failures are often its
  // own unconfigured senders, so they weigh less than a failure the owner would have refused.
  return [reason(f, 'AUTH_DMARC_FAIL', `${text}.`, policy === 'none' ? 'policy none' : undefined)];
};

/**
 * Microsoft's composite authentication (compauth), with its reason codes as the "Anti-spam message
 * headers" page documents them: 000 explicit failure (DMARC failed with quarantine or reject), 001
 * implicit failure (no or weak authentication records, judged spoofed), 002 an organisation policy
 * forbids the sender, 010 and 6xx spoofing of one of your own accepted domains; 1xx/7xx pass, 2xx soft
 * pass, 3xx not checked, 4xx/9xx bypassed (none of those score).
 */
const compauthRule: Rule = (f) => {
  const verdict = f.auth.compauth;
  const reasonCode = f.auth.compauthReason ?? '';
  const of = reasonCode ? ` (reason ${reasonCode})` : '';
  if (verdict === 'softfail')
    return [reason(f, 'AUTH_COMPAUTH_SOFTFAIL', `Microsoft's composite authentication soft-failed${of}.`)];
  if (verdict !== 'fail') return [];
  // Beside a DMARC failure that scored; one whose code is turned off counted nothing.
  const dmarcCounted =
    f.auth.dmarc !== null &&
    FAIL.has(f.auth.dmarc) &&
    pointsOf(f.options.verdict.points, 'AUTH_DMARC_FAIL') > 0;
  let adjustment: AdjustmentOf<'AUTH_COMPAUTH_FAIL'> | undefined;
  let why = 'the sender could not be shown to own the From domain';
  if (reasonCode === '000') {
    // The DMARC rule has already counted this failure; Microsoft's confirmation adds a little.
    adjustment = dmarcCounted ? 'reason 000 beside AUTH_DMARC_FAIL' : 'reason 000 without AUTH_DMARC_FAIL';
    why = 'explicit: DMARC failed under a quarantine or reject policy';
  } else if (reasonCode === '001') {
    why = 'implicit: the From domain publishes no or weak authentication and the sender looks spoofed';
  } else if (reasonCode === '002') {
    adjustment = 'reason 002 (an organisation policy forbids the sender)';
    why = 'an organisation policy forbids this sender';
  } else if (reasonCode === '010' || reasonCode.startsWith('6')) {
    adjustment = 'reason 010 or 6xx (one of your accepted domains spoofed)';
    why = 'one of your own accepted domains is spoofed';
  }
  return [
    reason(f, 'AUTH_COMPAUTH_FAIL', `Microsoft's composite authentication failed${of}, ${why}.`, adjustment),
  ];
};

const lookalike: Rule = (f) =>
  f.lookalikes.map((l) =>
    reason(
      f,
      l.kind === 'punycode' ? 'DOMAIN_PUNYCODE_LOOKALIKE' : 'DOMAIN_LOOKALIKE',
      `${l.domain} imitates our domain ${l.imitates} (${l.kind}).`,
    ),
  );

const replyTo: Rule = (f) => {
  if (!f.fromDomain) return [];
  // A list's Reply-To points at the list, whose domain its List-* headers name; a list that put its own
  // address in From ("Jane via Users") points Reply-To at the author.
  const lists = f.list.domains;
  const rewritten = lists.has(f.fromDomain) && f.list.relayed;
  const other = rewritten ? [] : f.replyToDomains.filter((d) => d !== f.fromDomain && !lists.has(d));
  return other.length
    ? [
        reason(
          f,
          'REPLY_TO_MISMATCH',
          `Replies go to ${other.join(', ')}, not to the sender's domain ${f.fromDomain}.`,
        ),
      ]
    : [];
};

/**
 * Replies go to a free mail mailbox that is not the sender's own address (a Reply-To of the sender
 * itself, or of a list that resent the message, is no diversion).
 */
const replyToFreeMail: Rule = (f) => {
  const from = f.message.from?.address.toLowerCase() ?? '';
  if (f.list.relayed && f.list.domains.has(f.fromDomain ?? '')) return [];
  const other = f.message.replyTo.find((a) => {
    const address = a.address.toLowerCase();
    return address !== from && isFreeMail(domainOfEmail(address));
  });
  return other
    ? [
        reason(
          f,
          'REPLY_TO_FREE_MAIL',
          `Replies go to ${other.address.slice(0, 200)}, a free mail mailbox other than the sender's.`,
        ),
      ]
    : [];
};

/** The host a link's visible text claims, when the text reads as a URL or a domain name. */
/**
 * Country codes that are also the extensions of source and text files: `detector.sv` or `setup.py` as
 * a link's text names a file (in a code review, a list post), not a site.
 */
const FILE_LIKE_SUFFIXES = new Set(['sv', 'py', 'md', 'rs', 'sh', 'so', 'mk', 'ps']);

function namesAFile(text: string): boolean {
  const dot = text.indexOf('.');
  return (
    dot > 0 && dot === text.lastIndexOf('.') && FILE_LIKE_SUFFIXES.has(text.slice(dot + 1).toLowerCase())
  );
}

function shownHost(text: string): string | null {
  const t = refang(text).trim();
  if (!t || /\s/.test(t) || namesAFile(t)) return null;
  // Text that is itself a rewritten link (Safe Links rewrites URLs in plain text too) shows its target.
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(t)
    ? hostOf(destinationOf(t) ?? t)
    : hostOf(`http://${t}`);
  return candidate?.includes('.') && hasKnownSuffix(candidate) ? candidate : null;
}

/**
 * The host a link leads to: the target of a rewritten link (Safe Links, URL Defense, …), whose own
 * host is only the gateway's; null when it is a rewriter's link whose target cannot be read offline.
 */
function destinationHost(href: string): string | null {
  const target = destinationOf(refang(href));
  return target ? hostOf(target) : null;
}

const linkMismatch: Rule = (f) => {
  const out: Reason[] = [];
  for (const l of f.links) {
    const shown = shownHost(l.text);
    const real = /^https?:/i.test(l.href) ? destinationHost(l.href) : null;
    if (!shown || !real) continue;
    const a = registrableDomain(shown) ?? shown;
    const b = registrableDomain(real) ?? real;
    // A sender counting clicks through its own domain (a newsletter's tracking host) hides nothing
    // about who it is; the sender's own claims are other rules' business.
    if (a !== b && b !== f.fromDomain)
      out.push(reason(f, 'LINK_TEXT_MISMATCH', `A link shows ${shown} but leads to ${real}.`));
  }
  // One deceptive link proves the point; ten of them in a template should not outweigh everything else.
  return out.slice(0, 1);
};

/** The lowest SCL of Microsoft's "high confidence spam" band. */
const HIGH_CONFIDENCE_SCL = 7;

const antiSpam: Rule = (f) => {
  const out: Reason[] = [];
  const { scl, bcl, report } = f.antiSpam;
  // Microsoft's bands: 5 and 6 are spam, 7 to 9 high confidence spam, which its default policies
  // quarantine. A message Microsoft is that sure of is worth an analyst's look on its own.
  if (scl !== null && scl >= HIGH_CONFIDENCE_SCL)
    out.push(
      reason(
        f,
        'MS_SCL_HIGH_CONFIDENCE',
        `Microsoft rated the message as high confidence spam (SCL ${scl}).`,
      ),
    );
  else if (scl !== null && scl >= f.options.sclHigh)
    out.push(reason(f, 'MS_SCL_HIGH', `Microsoft rated the message as spam (SCL ${scl}).`));
  if (bcl !== null && bcl >= f.options.bclHigh)
    out.push(reason(f, 'MS_BCL_HIGH', `Microsoft rated the message as bulk mail (BCL ${bcl}).`));
  const cat = report.CAT?.toUpperCase();
  if (cat === 'PHSH' || cat === 'HPHSH' || cat === 'PHISH' || cat === 'HPHISH')
    out.push(reason(f, 'MS_PHISH_CATEGORY', `Microsoft classified the message as phishing (CAT ${cat}).`));
  return out;
};

/** In evaluation order; reasons appear in this order too. */
export const RULES: Rule[] = [
  authRule('spf', 'AUTH_SPF_FAIL'),
  authRule('dkim', 'AUTH_DKIM_FAIL'),
  dmarcRule,
  authRule('arc', 'AUTH_ARC_FAIL'),
  compauthRule,
  ...signatureRules,
  lookalike,
  replyTo,
  replyToFreeMail,
  senderClaims,
  linkMismatch,
  linkHosts,
  attachments,
  contentLure,
  antiSpam,
];
