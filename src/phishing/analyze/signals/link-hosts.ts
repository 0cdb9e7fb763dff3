// Where a link leads, by the kind of host rather than its name: URL shorteners hide the target, and
// free hosting and cloud storage let anyone publish a credential form under a reputable name in
// minutes. Legitimate mail uses both too, so each weighs little on its own. The lists name services
// whose every customer gets a subdomain or a path of a shared name; a company's own site on its own
// domain is never on them.

/** Hosts whose only job is to redirect to a URL chosen by whoever made the short link. */
const SHORTENERS = [
  'bit.ly',
  'bitly.com',
  'bit.do',
  'buff.ly',
  'cutt.ly',
  'goo.gl',
  'is.gd',
  'ow.ly',
  'rb.gy',
  'rebrand.ly',
  's.id',
  'shorturl.at',
  't.co',
  't.ly',
  'tiny.cc',
  'tinyurl.com',
  'v.gd',
  'qrco.de',
  'urlz.fr',
  'shorturl.gg',
  'short.gy',
  'cli.re',
  'lnkd.in',
  'surl.li',
  'u.to',
  'x.gd',
  'shrtco.de',
  '2no.co',
  'clck.ru',
] as const;

/**
 * Shared names under which anyone can publish: free site builders, static hosting, serverless and
 * storage endpoints, form services, IPFS gateways. Matched as the host itself or a subdomain of it.
 */
const FREE_HOSTING = [
  // Google
  'storage.googleapis.com',
  'firebasestorage.googleapis.com',
  'web.app',
  'firebaseapp.com',
  'appspot.com',
  'run.app',
  'blogspot.com',
  'sites.google.com',
  'script.google.com',
  'forms.gle',
  // Microsoft
  'azurewebsites.net',
  'web.core.windows.net',
  'blob.core.windows.net',
  'azureedge.net',
  'azurestaticapps.net',
  // Amazon
  's3.amazonaws.com',
  'amazonaws.com',
  'cloudfront.net',
  'awsapps.com',
  // Cloudflare
  'pages.dev',
  'workers.dev',
  'r2.dev',
  'trycloudflare.com',
  'cloudflare-ipfs.com',
  // Others
  'github.io',
  'gitlab.io',
  'netlify.app',
  'vercel.app',
  'herokuapp.com',
  'glitch.me',
  'onrender.com',
  'replit.app',
  'repl.co',
  'surge.sh',
  'fly.dev',
  'ngrok.io',
  'ngrok-free.app',
  'weebly.com',
  'wixsite.com',
  'webflow.io',
  'godaddysites.com',
  'square.site',
  'mystrikingly.com',
  'notion.site',
  'my.canva.site',
  'typedream.app',
  '000webhostapp.com',
  'wordpress.com',
  'framer.app',
  'jimdosite.com',
  'yolasite.com',
  'ipfs.io',
  'dweb.link',
  'w3s.link',
  'nftstorage.link',
  'fleek.co',
  'jotform.com',
  'formstack.com',
  'typeform.com',
  'wufoo.com',
  'zohopublic.com',
  'sendgrid.net',
  'mailchimpsites.com',
] as const;

/**
 * Top-level domains where, by public abuse statistics, phishing domains are common and honest
 * senders rare (cheap or free registration, lax checks). A weak signal: honest sites exist there too.
 */
const RISKY_TLDS = new Set([
  'icu',
  'xyz',
  'top',
  'shop',
  'online',
  'site',
  'click',
  'live',
  'buzz',
  'rest',
  'cfd',
  'sbs',
  'autos',
  'quest',
  'bond',
  'cyou',
  'monster',
  'lol',
  'tk',
  'ml',
  'ga',
  'cf',
  'gq',
  'zip',
  'mov',
  'support',
  'work',
  'fit',
  'loan',
  'win',
  'bid',
  'cam',
  'today',
  'digital',
]);

function under(host: string, names: readonly string[]): string | undefined {
  return names.find((n) => host === n || host.endsWith(`.${n}`));
}

export type LinkHostKind = 'shortener' | 'free-hosting';

/** What kind of shared host `host` (lower case) is, with the matching service name; null for others. */
export function linkHostKind(host: string): { kind: LinkHostKind; service: string } | null {
  const short = under(host, SHORTENERS);
  if (short) return { kind: 'shortener', service: short };
  const free = under(host, FREE_HOSTING);
  return free ? { kind: 'free-hosting', service: free } : null;
}

/** The host's TLD when it is one of the risky ones, else null. */
export function riskyTld(host: string): string | null {
  const dot = host.lastIndexOf('.');
  const tld = dot === -1 ? '' : host.slice(dot + 1);
  return RISKY_TLDS.has(tld) ? tld : null;
}
