// The link rewriters graphsoc recognises: mail gateways' click-time protection, tracking redirects
// and the few open redirects that carry their target plainly. Each says whether a URL is its link and
// where the target is written in it; the caller validates and repeats. Formats, as the vendors and
// public decoders describe them:
// - Microsoft Defender Safe Links: https://<region>.safelinks.protection.outlook.com/?url=<enc>&data=…
//   (GCC High and DoD: *.safelinks.protection.office365.us)
//   https://learn.microsoft.com/defender-office-365/safe-links-about
// - Proofpoint URL Defense v1–v3: proofpoint.ts
// - Google redirect https://www.google.<tld>/url?q=<enc> (or url=), AMP viewer /amp/s/<host/path>
//   (https) and /amp/<host/path> (http): https://developers.google.com/search/docs/crawling-indexing/amp
// - AWS SES click tracking: https://<id>.r.<region>.awstrack.me/L0/<enc>/<n>/<message id>/<hash>
//   https://docs.aws.amazon.com/ses/latest/dg/faqs-metrics.html
// - Mimecast URL Protect: https://protect-<region>.mimecast.com/s/<token>, *.mimecastprotect.com;
//   the target lives on Mimecast's servers, so the link is recognised but not decoded.
// - Barracuda Link Protection: https://linkprotect.cudasvc.com/url?a=<enc>&c=…
// - Cisco Secure Email: https://secure-web.cisco.com/<token>/<enc>
// - Trend Micro Email Security: https://<node>.trendmicro.com[:443]/wis/clicktime/v1/query?url=<enc>&umid=…
// - Symantec Click-time URL Protection: https://clicktime.symantec.com/<token>?u=<enc> (the /a/1/…?d=
//   form is encrypted and only recognised)
// - Facebook/Messenger link shim l.facebook.com/l.php?u=, LinkedIn www.linkedin.com/redir/redirect?url=
import { parse } from 'tldts';
import { afterOrigin, paramTarget, percentDecode } from './decode.js';
import { proofpointTarget } from './proofpoint.js';

export type RewriterName =
  | 'safelinks'
  | 'proofpoint'
  | 'google-redirect'
  | 'google-amp'
  | 'aws-ses'
  | 'mimecast'
  | 'barracuda'
  | 'cisco'
  | 'trendmicro'
  | 'symantec'
  | 'facebook'
  | 'linkedin'
  | 'open-redirect';

export interface Rewriter {
  name: RewriterName;
  /** True when the URL is this rewriter's link, whether or not its target can be read offline. */
  owns(u: URL): boolean;
  /** The target as written in the link (not yet checked), or null when it holds none we can read. */
  target(u: URL): string | null;
}

const under = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** google.com, www.google.co.uk …: Google's own hosts, not sites that merely contain the word. */
function isGoogleWebHost(host: string): boolean {
  const p = parse(host);
  return (
    p.isIcann === true && p.domainWithoutSuffix === 'google' && (p.subdomain === '' || p.subdomain === 'www')
  );
}

/** The path segment after `prefix` (up to the next `/`), decoded; null when the path does not start so. */
function segmentAfter(path: string, prefix: string): string | null {
  if (!path.startsWith(prefix)) return null;
  const end = path.indexOf('/', prefix.length);
  return percentDecode(path.slice(prefix.length, end < 0 ? path.length : end));
}

const firstParam = (u: URL, names: readonly string[]): string | null => {
  for (const n of names) {
    const v = paramTarget(u, n);
    if (v) return v;
  }
  return null;
};

/** A rewriter whose link is a host and path with the target in one query parameter. */
const byParam = (
  name: RewriterName,
  host: (h: string) => boolean,
  path: (p: string) => boolean,
  params: readonly string[],
): Rewriter => ({
  name,
  owns: (u) => host(u.hostname) && path(u.pathname),
  target: (u) => firstParam(u, params),
});

const anyPath = () => true;

/**
 * Open redirects of large sites that carry an http(s) URL plainly in one named parameter. Only
 * these: guessing that any parameter holding a URL is a redirect would let a phish show
 * `evil.example/?next=https://bank.example` as a link to the bank.
 */
const OPEN_REDIRECTS: ReadonlyArray<{ host: string; path: string; param: string }> = [
  { host: 'www.youtube.com', path: '/redirect', param: 'q' },
  { host: 'slack-redir.net', path: '/link', param: 'url' },
  { host: 'away.vk.com', path: '/away.php', param: 'to' },
  { host: 'steamcommunity.com', path: '/linkfilter/', param: 'url' },
];

export const REWRITERS: readonly Rewriter[] = [
  byParam(
    'safelinks',
    (h) => under(h, 'safelinks.protection.outlook.com') || under(h, 'safelinks.protection.office365.us'),
    anyPath,
    ['url'],
  ),
  {
    name: 'proofpoint',
    owns: (u) => ['urldefense.com', 'urldefense.proofpoint.com', 'urldefense.us'].includes(u.hostname),
    target: proofpointTarget,
  },
  byParam('google-redirect', isGoogleWebHost, (p) => p === '/url', ['q', 'url']),
  {
    name: 'google-amp',
    owns: (u) => isGoogleWebHost(u.hostname) && u.pathname.startsWith('/amp/'),
    target: (u) => {
      const rest = afterOrigin(u);
      if (rest.startsWith('/amp/s/')) return `https://${rest.slice(7)}`;
      return `http://${rest.slice(5)}`;
    },
  },
  {
    name: 'aws-ses',
    owns: (u) => u.hostname.endsWith('.awstrack.me'),
    target: (u) => segmentAfter(u.pathname, '/L0/') ?? segmentAfter(u.pathname, '/CL0/'),
  },
  {
    name: 'mimecast',
    owns: (u) =>
      (u.hostname.startsWith('protect') &&
        u.hostname.endsWith('.mimecast.com') &&
        u.pathname.startsWith('/s/')) ||
      u.hostname.endsWith('.mimecastprotect.com'),
    target: () => null,
  },
  byParam(
    'barracuda',
    (h) => h === 'linkprotect.cudasvc.com',
    (p) => p === '/url',
    ['a'],
  ),
  {
    name: 'cisco',
    owns: (u) => u.hostname === 'secure-web.cisco.com',
    target: (u) => {
      const rest = afterOrigin(u);
      const slash = rest.indexOf('/', 1);
      return slash < 0 ? null : percentDecode(rest.slice(slash + 1));
    },
  },
  byParam(
    'trendmicro',
    (h) => h.endsWith('.trendmicro.com') || h.endsWith('.trendmicro.eu'),
    (p) => p === '/wis/clicktime/v1/query',
    ['url'],
  ),
  byParam('symantec', (h) => h === 'clicktime.symantec.com', anyPath, ['u']),
  byParam(
    'facebook',
    (h) => h === 'l.facebook.com' || h === 'lm.facebook.com' || h === 'l.messenger.com',
    (p) => p === '/l.php',
    ['u'],
  ),
  byParam(
    'linkedin',
    (h) => h === 'www.linkedin.com' || h === 'linkedin.com',
    (p) => p === '/redir/redirect',
    ['url'],
  ),
  ...OPEN_REDIRECTS.map(({ host, path, param }) =>
    byParam(
      'open-redirect',
      (h) => h === host,
      (p) => p === path,
      [param],
    ),
  ),
];

/** The rewriter whose link this parsed URL is, if any. */
export const rewriterOfUrl = (u: URL): Rewriter | undefined => REWRITERS.find((r) => r.owns(u));
