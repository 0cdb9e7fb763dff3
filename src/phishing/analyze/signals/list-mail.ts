// Mailing lists set Reply-To to the list, which is another domain than a member's From: the commonest
// honest Reply-To mismatch (nine in ten of the legitimate mails the rule fired on in the development
// corpus). The list names its own domain in its List-* headers (RFC 2369, RFC 2919) or, in older list
// software, Mailing-List, X-Mailing-List and X-BeenThere; a Reply-To into one of those domains is the
// list's, not a diversion.
import type { ParsedMessage } from '../../parse/index.js';
import { registrableDomain } from '../domains.js';
import { headerValues } from '../headers.js';

const LIST_HEADERS = [
  'List-Id',
  'List-Post',
  'List-Help',
  'List-Subscribe',
  'List-Unsubscribe',
  'List-Owner',
  'List-Archive',
  'Mailing-List',
  'X-Mailing-List',
  'X-BeenThere',
];

/** Most header bytes read for list domains: a list header is short, a hostile one need not be read whole. */
const READ = 4096;

/** Hosts named in a list header: the domains of its addresses and the id in List-Id's angle brackets. */
function hostsIn(name: string, value: string): string[] {
  const v = value.slice(0, READ);
  const out: string[] = [];
  for (const word of v.split(/[\s<>,;"()]+/)) {
    const at = word.lastIndexOf('@');
    if (at > 0) out.push(word.slice(at + 1).split(/[?/]/)[0] ?? '');
    else if (/^(?:https?|mailto):/i.test(word)) {
      try {
        out.push(new URL(word).hostname);
      } catch {
        // Not a URL after all.
      }
    }
  }
  // `List-Id: Friendly name <list-name.lists.example.org>`: the id is a dotted name under the list's domain.
  if (name === 'List-Id') {
    const open = v.lastIndexOf('<');
    const close = v.indexOf('>', open + 1);
    if (open !== -1 && close !== -1) out.push(v.slice(open + 1, close));
  }
  return out;
}

/** The registrable domains the message's list headers name; empty for mail that is not list mail. */
export function listDomains(message: ParsedMessage): Set<string> {
  const out = new Set<string>();
  for (const name of LIST_HEADERS)
    for (const value of headerValues(message, name))
      for (const host of hostsIn(name, value)) {
        const d = host ? registrableDomain(host) : null;
        if (d) out.add(d);
      }
  return out;
}

/** Headers only discussion lists set (not a bulk sender's List-Unsubscribe). */
const DISCUSSION_HEADERS = ['List-Id', 'List-Post', 'X-BeenThere', 'Mailing-List', 'X-Mailing-List'];

/** What the rules know of a message's list headers, read once per analysis. */
export interface ListMail {
  /** The registrable domains the list headers name; empty for mail that is not list mail. */
  domains: Set<string>;
  /** The message carries a List-Id. */
  listId: boolean;
  /**
   * A discussion list sent the message on: it carries a list's own headers and its envelope sender
   * (Return-Path) is in one of the list's domains. Such lists add footers and subject tags, which break
   * the author's DKIM signature and so DMARC: a failure then says little about the author. When the
   * list also rewrote From to its own address ("Jane via Users"), the Reply-To is the author's.
   */
  relayed: boolean;
}

export function listMail(message: ParsedMessage): ListMail {
  const domains = listDomains(message);
  const listId = headerValues(message, 'List-Id').length > 0;
  const discussion = DISCUSSION_HEADERS.some((n) => headerValues(message, n).length > 0);
  const at = message.returnPath ? message.returnPath.lastIndexOf('@') : -1;
  const envelope = at === -1 ? null : registrableDomain((message.returnPath as string).slice(at + 1));
  return { domains, listId, relayed: discussion && envelope !== null && domains.has(envelope) };
}
