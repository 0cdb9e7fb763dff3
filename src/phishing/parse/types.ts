// The shape every parser in this folder produces: one reported message, whatever it arrived as
// (message/rfc822 part, .eml or .msg file, a plain forward, or the report mail itself).
import type { AlsoAttached } from './also-attached.js';

/** One header line as the message carried it: name in its own case, value unfolded but not decoded. */
export interface HeaderField {
  name: string;
  value: string;
}

export interface MailAddress {
  name: string;
  address: string;
}

export interface ReportAttachment {
  name: string;
  contentType: string;
  size: number;
  bytes: Uint8Array;
}

/** A message reduced to what analysis needs, the same for MIME and Outlook .msg input. */
export interface ParsedMessage {
  headers: HeaderField[];
  from: MailAddress | null;
  replyTo: MailAddress[];
  returnPath: string | null;
  messageId: string | null;
  /** Encoded words decoded. */
  subject: string;
  /** ISO 8601 when the Date header parses, else its raw text; null when absent. */
  date: string | null;
  text: string;
  html: string;
  attachments: ReportAttachment[];
}

/** How the reported original was found. `wrapper` means nothing better was found: the report itself. */
export type OriginalSource = 'rfc822' | 'eml' | 'msg' | 'inline-forward' | 'wrapper';

export interface ParsedReport {
  /** The sender of the report mail: the user who reported. */
  reporter: MailAddress | null;
  wrapper: { subject: string; messageId: string | null; date: string | null };
  original: ParsedMessage;
  source: OriginalSource;
  /**
   * 0 for the wrapper itself or an inline forward in it, 1 for a message attached to the report (or an
   * inline forward in that message), and so on.
   */
  depth: number;
  warnings: string[];
  /** Other messages attached to the report beside the one followed (not analysed); absent when none. */
  alsoAttached?: AlsoAttached[];
  /**
   * The original's own MIME bytes, for verifying its DKIM and ARC signatures: present when the original
   * was an attached message (source `rfc822` or `eml`), or a message file in hand that is no report mail
   * and forwards nothing. Absent for an Outlook .msg or item read as .msg, an inline forward and a report
   * mail taken as its own original: none of those has the bytes the sender signed. A view into the
   * report's bytes, never a copy.
   */
  originalMime?: Uint8Array;
}

/** Why a report could not be parsed; stable codes, safe to store and count. */
export type UnparseableReason =
  | 'empty'
  | 'too-large'
  | 'too-deep'
  | 'too-many-parts'
  | 'too-many-headers'
  | 'headers-too-large'
  | 'mime-nesting-too-deep'
  | 'no-headers'
  | 'parser-failed';

export interface Unparseable {
  unparseable: UnparseableReason;
  /** Human text for logs and the dashboard; never contains message content. */
  detail: string;
}

export type ParseResult = ParsedReport | Unparseable;

export const isUnparseable = (r: ParseResult): r is Unparseable => 'unparseable' in r;
