// What a search box text means: a subject or sender prefix, an IOC (refanged, then normalised as each
// kind it could be: `hxxp://evil[.]com` finds http://evil.com/), or a Message-ID, all tried at once.
import { isIP } from 'node:net';
import { refang } from '../analyze/index.js';
import type { SearchTerms } from '../store/console-queries.js';
import { type IocKind, normaliseIoc, searchKey } from '../store/ioc-index.js';

/** Shorter prefixes match too much to be a search. */
const PREFIX_MIN = 2;

export function searchTerms(q: string): SearchTerms {
  const text = q.trim();
  const plain = refang(text).trim();
  const iocs = new Set<string>();
  const as = (kind: IocKind) => {
    const v = normaliseIoc(kind, plain);
    if (v) iocs.add(v);
  };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(plain)) as('url');
  else if (isIP(plain.replace(/^\[|\]$/g, ''))) iocs.add(normaliseIoc('ip', plain.replace(/^\[|\]$/g, '')));
  else if (/^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$/i.test(plain)) as('hash');
  else if (!/\s/.test(plain) && plain.includes('@')) as('email');
  else if (!/\s/.test(plain) && plain.includes('.')) as('domain');
  const messageIds = new Set<string>();
  if (!/\s/.test(text) && text.includes('@')) {
    const bare = text.replace(/^<|>$/g, '');
    messageIds.add(bare);
    messageIds.add(`<${bare}>`);
  }
  const prefix = searchKey(text);
  return {
    ...(prefix.length >= PREFIX_MIN ? { prefix } : {}),
    iocs: [...iocs],
    messageIds: [...messageIds],
  };
}
