// The verdict rules. Each is small, has a stable code, a weight and a sentence an analyst can check
// against the message. Codes are never renamed: dashboards and Archer records count them.
import { attachments } from './rules-attachments.js';
import { linkHosts } from './rules-links.js';
import { senderClaims } from './rules-sender.js';
import { listDomains } from './signals/list-mail.js';
import { hasKnownSuffix, hostOf, registrableDomain } from './domains.js';
import type { Facts } from './facts.js';
import { refang } from './refang.js';
import { destinationOf } from './unwrap/index.js';

export interface Reason {
  code: string;
  points: number;
  text: string;
}

export type Rule = (f: Facts) => Reason[];

// permerror and temperror mean the check could not be run (RFC 8601 §2.7): no evidence either way.
const FAIL = new Set(['fail', 'hardfail', 'permfail']);

const authRule =
  (method: 'spf' | 'dkim' | 'dmarc' | 'arc', code: string, points: number): Rule =>
  (f) => {
    const r = f.auth[method];
    if (method === 'dmarc' && r && FAIL.has(r)) {
      const policy = f.auth.dmarcPolicy ?? null;
      // A domain that asks for nothing (p=none) is still collecting reports: its failures are often
      // its own unconfigured senders, so they weigh less than a failure the owner would have refused.
      const weak = policy === 'none';
      return [
        {
          code,
          points: weak ? points - 1 : points,
          text: `DMARC check failed (${r}${policy ? `, policy ${policy}` : ''}).`,
        },
      ];
    }
    if (r && FAIL.has(r)) return [{ code, points, text: `${method.toUpperCase()} check failed (${r}).` }];
    if (method === 'spf' && r === 'softfail')
      return [
        {
          code: 'AUTH_SPF_SOFTFAIL',
          points: 1,
          text: 'SPF soft-failed: the sending server is not clearly authorised.',
        },
      ];
    return [];
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
  const reason = f.auth.compauthReason ?? '';
  if (verdict === 'softfail')
    return [
      {
        code: 'AUTH_COMPAUTH_SOFTFAIL',
        points: 1,
        text: `Microsoft's composite authentication soft-failed${reason ? ` (reason ${reason})` : ''}.`,
      },
    ];
  if (verdict !== 'fail') return [];
  const dmarcFailed = f.auth.dmarc !== null && FAIL.has(f.auth.dmarc);
  let points = 2;
  let why = 'the sender could not be shown to own the From domain';
  if (reason === '000') {
    // The DMARC rule has already counted this failure; Microsoft's confirmation adds a little.
    points = dmarcFailed ? 1 : 3;
    why = 'explicit: DMARC failed under a quarantine or reject policy';
  } else if (reason === '001') {
    why = 'implicit: the From domain publishes no or weak authentication and the sender looks spoofed';
  } else if (reason === '002') {
    points = 3;
    why = 'an organisation policy forbids this sender';
  } else if (reason === '010' || reason.startsWith('6')) {
    points = 3;
    why = 'one of your own accepted domains is spoofed';
  }
  return [
    {
      code: 'AUTH_COMPAUTH_FAIL',
      points,
      text: `Microsoft's composite authentication failed${reason ? ` (reason ${reason})` : ''}, ${why}.`,
    },
  ];
};

const lookalike: Rule = (f) =>
  f.lookalikes.map((l) => ({
    code: l.kind === 'punycode' ? 'DOMAIN_PUNYCODE_LOOKALIKE' : 'DOMAIN_LOOKALIKE',
    points: 4,
    text: `${l.domain} imitates our domain ${l.imitates} (${l.kind}).`,
  }));

const replyTo: Rule = (f) => {
  if (!f.fromDomain) return [];
  // A list's Reply-To points at the list, whose domain its List-* headers name.
  const lists = listDomains(f.message);
  const other = f.replyToDomains.filter((d) => d !== f.fromDomain && !lists.has(d));
  return other.length
    ? [
        {
          code: 'REPLY_TO_MISMATCH',
          points: 2,
          text: `Replies go to ${other.join(', ')}, not to the sender's domain ${f.fromDomain}.`,
        },
      ]
    : [];
};

/** The host a link's visible text claims, when the text reads as a URL or a domain name. */
function shownHost(text: string): string | null {
  const t = refang(text).trim();
  if (!t || /\s/.test(t)) return null;
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
    if (a !== b)
      out.push({
        code: 'LINK_TEXT_MISMATCH',
        points: 3,
        text: `A link shows ${shown} but leads to ${real}.`,
      });
  }
  // One deceptive link proves the point; ten of them in a template should not outweigh everything else.
  return out.slice(0, 1);
};

const antiSpam: Rule = (f) => {
  const out: Reason[] = [];
  const { scl, bcl, report } = f.antiSpam;
  if (scl !== null && scl >= f.options.sclHigh)
    out.push({ code: 'MS_SCL_HIGH', points: 2, text: `Microsoft rated the message as spam (SCL ${scl}).` });
  if (bcl !== null && bcl >= f.options.bclHigh)
    out.push({
      code: 'MS_BCL_HIGH',
      points: 1,
      text: `Microsoft rated the message as bulk mail (BCL ${bcl}).`,
    });
  const cat = report.CAT?.toUpperCase();
  if (cat === 'PHSH' || cat === 'HPHSH' || cat === 'PHISH' || cat === 'HPHISH')
    out.push({
      code: 'MS_PHISH_CATEGORY',
      points: 3,
      text: `Microsoft classified the message as phishing (CAT ${cat}).`,
    });
  return out;
};

/** In evaluation order; reasons appear in this order too. */
export const RULES: Rule[] = [
  authRule('spf', 'AUTH_SPF_FAIL', 2),
  authRule('dkim', 'AUTH_DKIM_FAIL', 2),
  authRule('dmarc', 'AUTH_DMARC_FAIL', 3),
  authRule('arc', 'AUTH_ARC_FAIL', 1),
  compauthRule,
  lookalike,
  replyTo,
  senderClaims,
  linkMismatch,
  linkHosts,
  attachments,
  antiSpam,
];
