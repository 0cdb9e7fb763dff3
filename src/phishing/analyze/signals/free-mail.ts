// Free mail providers: anyone can open a mailbox there in a minute, under any name. A reply address
// there that is not the sender's own address is where advance-fee scams and business e-mail compromise
// take the conversation, away from the domain the message claims to come from.
import { parse } from 'tldts';

/** Providers under one registrable domain. */
const DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'msn.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'ymail.com',
  'web.de',
  'mail.ru',
  'bk.ru',
  'inbox.ru',
  'list.ru',
  'proton.me',
  'protonmail.com',
  'tutanota.com',
  'zoho.com',
  'zohomail.com',
  'qq.com',
  '163.com',
  '126.com',
  'naver.com',
  'mail.com',
  'email.com',
  'rediffmail.com',
  'uol.com.br',
  'bol.com.br',
  'terra.com.br',
  'libero.it',
  'laposte.net',
  't-online.de',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'interia.pl',
]);

/** Providers with a domain per country (hotmail.co.uk, yahoo.fr, gmx.de): the name before the suffix. */
const NAMES = new Set(['hotmail', 'outlook', 'live', 'yahoo', 'gmx', 'yandex']);

/**
 * Whether `domain` is a free mail provider's mailbox domain. Mailboxes live at the provider's domain
 * itself (jane@gmail.com); a subdomain is another of its services (groups.msn.com, a list).
 */
export function isFreeMail(domain: string): boolean {
  const p = parse(domain.toLowerCase());
  if (!p.domain || p.subdomain) return false;
  return DOMAINS.has(p.domain) || (p.domainWithoutSuffix !== null && NAMES.has(p.domainWithoutSuffix));
}
