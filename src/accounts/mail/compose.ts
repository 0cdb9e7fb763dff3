// Every mail the accounts feature sends, built from plain values in the person's language: a code and
// link to verify an address, "request received" with the status link, "ready", the expiry notice and
// "disabled". Each value is HTML-escaped and set in <bdi> (a name may be `<script>`, hold U+202E or
// be 300 characters of emoji), and links are only ever our own https/loopback URLs put in href and
// shown as text. No mail carries a password or a Temporary Access Pass: the ready mail points to the
// status page, where the credential is made when it is viewed.
import type { Mail } from './mailer.js';
import { MAIL_TEXTS, type MailLocale, type MailTextId } from './messages.js';

export type { MailLocale } from './messages.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** One character class, no quantifier: a single linear pass of the engine. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it removes
const SPECIAL = /[&<>"'\u0000-\u0008\u000B-\u001F]/g;

/** HTML text and attribute escaping in one pass; NUL and other C0 controls but tab and newline dropped. */
export function escapeHtml(value: string): string {
  return value.replace(SPECIAL, (ch) => ESCAPES[ch] ?? '');
}

/** Values longer than this are cut in mails (a name of a megabyte is not mailed whole). */
const MAX_VALUE = 512;

/** A value to escape, or markup this module built itself (`{ html }`). */
type Value = string | number | { html: string };

const value = (v: Value): string => {
  if (typeof v === 'object') return `<bdi>${v.html}</bdi>`;
  const s = String(v);
  return `<bdi>${escapeHtml(s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE)}…` : s)}</bdi>`;
};

/** The locale's text with each `{name}` replaced by its escaped value, in one pass over the text. */
function text(locale: MailLocale, id: MailTextId, values: Record<string, Value> = {}): string {
  const src: string = MAIL_TEXTS[locale][id];
  let out = '';
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{', i);
    const close = open < 0 ? -1 : src.indexOf('}', open);
    if (open < 0 || close < 0) {
      out += escapeHtml(src.slice(i));
      break;
    }
    out += escapeHtml(src.slice(i, open));
    const name = src.slice(open + 1, close);
    const v = values[name];
    out += v === undefined ? '' : value(v);
    i = close + 1;
  }
  return out;
}

/** Only absolute http(s) URLs are linked; anything else is left out rather than trusted. */
function link(url: string | undefined): string {
  if (url === undefined) return '';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return '';
  const href = escapeHtml(u.href);
  return `<p><a href="${href}">${href}</a></p>`;
}

function page(locale: MailLocale, paragraphs: string[]): string {
  const body = paragraphs.filter((p) => p !== '').join('\n');
  return `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8"></head><body>\n${body}\n<p><small>${text(locale, 'footer')}</small></p>\n</body></html>`;
}

const p = (html: string) => `<p>${html}</p>`;

export interface CodeMailInput {
  to: string;
  code: string;
  /** The link with the token, when the portal knows its public URL. */
  link?: string;
  minutes: number;
  purpose: 'request' | 'credential';
}

export function codeMail(locale: MailLocale, m: CodeMailInput): Mail {
  return {
    to: m.to,
    subject: MAIL_TEXTS[locale]['code.subject'],
    html: page(locale, [
      p(text(locale, m.purpose === 'credential' ? 'code.intro.credential' : 'code.intro.request')),
      p(`<strong>${text(locale, 'code.code', { code: m.code })}</strong>`),
      p(text(locale, 'code.valid', { minutes: m.minutes })),
      m.link === undefined || link(m.link) === '' ? '' : p(text(locale, 'code.link')) + link(m.link),
      p(text(locale, 'code.ignore')),
    ]),
  };
}

export type RequestWhat =
  | { kind: 'account'; title: string }
  | { kind: 'group-join'; group: string }
  | { kind: 'group-create'; group: string };

function what(locale: MailLocale, w: RequestWhat): string {
  return w.kind === 'account'
    ? text(locale, 'kind.account', { title: w.title })
    : text(locale, `kind.${w.kind}`, { group: w.group });
}

export interface RequestReceivedInput {
  to: string;
  what: RequestWhat;
  approvalRequired: boolean;
  statusLink?: string;
}

export function requestReceivedMail(locale: MailLocale, m: RequestReceivedInput): Mail {
  return {
    to: m.to,
    subject: MAIL_TEXTS[locale]['received.subject'],
    html: page(locale, [
      p(text(locale, 'received.body', { what: { html: what(locale, m.what) } })),
      p(text(locale, m.approvalRequired ? 'received.approval' : 'received.noApproval')),
      m.statusLink ? p(text(locale, 'received.status')) + link(m.statusLink) : '',
    ]),
  };
}

export interface ReadyInput {
  to: string;
  /** The account's name, for an account request. */
  upn?: string;
  /** The group's name, for a group request. */
  group?: string;
  statusLink?: string;
}

export function readyMail(locale: MailLocale, m: ReadyInput): Mail {
  return {
    to: m.to,
    subject: MAIL_TEXTS[locale]['ready.subject'],
    html: page(locale, [
      m.upn !== undefined ? p(text(locale, 'ready.account', { upn: m.upn })) : '',
      m.group !== undefined ? p(text(locale, 'ready.group', { group: m.group })) : '',
      m.upn !== undefined ? p(text(locale, 'ready.credential')) : '',
      m.statusLink ? p(text(locale, 'ready.status')) + link(m.statusLink) : '',
    ]),
  };
}

/** A date as the person reads it: `14 March 2027`, `14. März 2027` (UTC, no time). */
export function mailDate(locale: MailLocale, at: number): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(at));
}

export interface ExpiryInput {
  to: string;
  upn: string;
  /** When the account is disabled, epoch ms. */
  disableAt: number;
}

export function expiryMail(locale: MailLocale, m: ExpiryInput): Mail {
  return {
    to: m.to,
    subject: MAIL_TEXTS[locale]['expiry.subject'],
    html: page(locale, [
      p(text(locale, 'expiry.body', { upn: m.upn, date: mailDate(locale, m.disableAt) })),
      p(text(locale, 'expiry.help')),
    ]),
  };
}

export interface DisabledInput {
  to: string;
  upn: string;
  disabledAt: number;
}

export function disabledMail(locale: MailLocale, m: DisabledInput): Mail {
  return {
    to: m.to,
    subject: MAIL_TEXTS[locale]['disabled.subject'],
    html: page(locale, [
      p(text(locale, 'disabled.body', { upn: m.upn, date: mailDate(locale, m.disabledAt) })),
      p(text(locale, 'disabled.help')),
    ]),
  };
}

/** `en` or `de` from a request's stored locale; anything else reads as English. */
export const mailLocale = (locale: string): MailLocale => (locale === 'de' ? 'de' : 'en');
