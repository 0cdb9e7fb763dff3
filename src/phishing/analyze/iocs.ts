// Indicators of one reported message: URLs, registrable domains, public IPs, e-mail addresses and
// attachment hashes, de-duplicated, allow-listed, in first-seen order.
import type { ParsedMessage } from '../parse/index.js';
import { isAllowedDomain, isAllowedHost } from './allow-list.js';
import { domainOfEmail, hostOf, isIpAddress, registrableDomain } from './domains.js';
import { emailsIn } from './emails.js';
import { type AttachmentIoc, attachmentIoc } from './hashes.js';
import { headerValues } from './headers.js';
import type { ResolvedAnalyzeOptions } from './options.js';
import { isPublicIp } from './public-ip.js';
import type { ReceivedHop } from './received.js';
import { ipsIn } from './received.js';
import { refang } from './refang.js';
import { htmlToText } from '../parse/html-text.js';
import { expandWrapped } from './unwrap/index.js';
import { normaliseUrl, urlsInAttachments, urlsInHtml, urlsInText } from './urls.js';

export { emailsIn };

export interface Iocs {
  urls: string[];
  domains: string[];
  ips: string[];
  emails: string[];
  attachments: AttachmentIoc[];
  /** How many candidates the allow-lists removed, so a report can say "12 benign indicators hidden". */
  allowListed: number;
  /** Indicators left out past MAX_IOCS of one kind (absent when none were). */
  beyondLimit?: number;
}

/**
 * Most indicators of one kind kept per report. A real phish has a handful; a mail with a million
 * links is an attack on the tooling, and its record must stay small enough to store, compare and
 * send to Archer. The original message keeps the rest.
 */
export const MAX_IOCS = 1000;

const ADDRESS_HEADERS = ['From', 'Sender', 'Reply-To', 'Return-Path', 'X-Sender', 'X-Original-Sender'];
const IP_HEADERS = ['X-Originating-IP', 'X-Sender-IP', 'X-SenderIP'];

const unique = (xs: string[]) => [...new Set(xs)];

/**
 * Exchange Online's own relays: hops received from them name Microsoft datacentre addresses, which
 * say nothing about the sender. Operators add their other relays through allowDomains.
 */
const INFRASTRUCTURE = ['outlook.com', 'office365.com', 'exchangelabs.com', 'outlook.office365.com'];

function senderHopIps(hops: ReceivedHop[], trusted: string[]): string[] {
  return hops.filter((h) => !h.from || !isAllowedHost(h.from.toLowerCase(), trusted)).flatMap((h) => h.ips);
}

/**
 * The indicators of a message. Without `body`, only what its headers and attachments give: the
 * partial analysis of a report over its time budget leaves the bodies unread.
 */
export function extractIocs(
  message: ParsedMessage,
  hops: ReceivedHop[],
  forefrontCip: string | undefined,
  options: ResolvedAnalyzeOptions,
  body = true,
  /** URLs inside attachments (PDF link actions, Office external references), from their inspection. */
  attachmentUrls: readonly string[] = [],
): Iocs {
  const allowDomains = [...options.ownDomains, ...options.allowDomains];
  let allowListed = 0;
  const keep = <T>(xs: T[], ok: (x: T) => boolean): T[] =>
    xs.filter((x) => {
      const pass = ok(x);
      if (!pass) allowListed++;
      return pass;
    });

  const bodyText = body ? message.text || htmlToText(message.html) : '';
  // HTML and SVG attachments are documents of the message: their links are its links.
  const rawUrls = body
    ? unique([
        ...urlsInText(message.text),
        ...urlsInHtml(message.html),
        ...urlsInAttachments(message.attachments),
        ...attachmentUrls.flatMap((u) => normaliseUrl(u) ?? []),
      ])
    : [];
  // Rewritten links (Safe Links, URL Defense, …) hide their target: keep the link and add what it
  // leads to, so indicators, domains and the campaign fingerprint see the target too.
  const expanded = expandWrapped(rawUrls).map((e) => ({
    url: normaliseUrl(e.url) ?? e.url,
    wrapper: e.rewriter !== undefined,
    target: e.target ? normaliseUrl(e.target) : null,
  }));
  const wrappers = new Set(expanded.filter((e) => e.wrapper).map((e) => e.url));
  const targetOf = new Map(expanded.map((e) => [e.url, e.target]));
  const allowedUrl = (u: string | null | undefined) => {
    const host = u ? hostOf(u) : null;
    return host !== null && isAllowedHost(host, allowDomains);
  };
  // A rewritten link to an allowed site is as benign as the site.
  const urls = keep(
    unique(expanded.map((e) => e.url)),
    (u) => !allowedUrl(u) && !allowedUrl(targetOf.get(u)),
  );

  const headerText = ADDRESS_HEADERS.flatMap((h) => headerValues(message, h)).join(' ');
  const emails = keep(unique([...emailsIn(headerText), ...emailsIn(bodyText)]), (e) => {
    return !isAllowedHost(domainOfEmail(e), allowDomains);
  });

  const ipCandidates = unique([
    ...senderHopIps(hops, [...INFRASTRUCTURE, ...allowDomains]),
    ...(forefrontCip ? ipsIn(forefrontCip) : []),
    ...IP_HEADERS.flatMap((h) => headerValues(message, h)).flatMap(ipsIn),
    ...ipsIn(refang(bodyText)),
    ...urls.map(hostOf).filter((h): h is string => h !== null && isIpAddress(h)),
  ]).filter(isPublicIp);
  const ips = keep(ipCandidates, (ip) => !options.allowIps.includes(ip));

  const domainCandidates = unique(
    // A rewriter's host is infrastructure the link passed through, not an indicator.
    [...urls.filter((u) => !wrappers.has(u)).map(hostOf), ...emails.map(domainOfEmail)]
      .filter((h): h is string => h !== null && !isIpAddress(h))
      .map(registrableDomain)
      .filter((d): d is string => d !== null),
  );
  const domains = keep(domainCandidates, (d) => !isAllowedDomain(d, allowDomains));

  let beyondLimit = 0;
  const capped = <T>(xs: T[]): T[] => {
    beyondLimit += Math.max(0, xs.length - MAX_IOCS);
    return xs.length > MAX_IOCS ? xs.slice(0, MAX_IOCS) : xs;
  };
  return {
    urls: capped(urls),
    domains: capped(domains),
    ips: capped(ips),
    emails: capped(emails),
    attachments: capped(message.attachments.map(attachmentIoc)),
    allowListed,
    ...(beyondLimit > 0 ? { beyondLimit } : {}),
  };
}
