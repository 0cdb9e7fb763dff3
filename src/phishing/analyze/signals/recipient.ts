// Mail that names its recipient by address: "jane.doe@contoso.com: your mailbox is full",
// "#jdoe72: claim your airdrop". A kit fills the address it sends to into the subject to look
// personal; people and real services greet by name. The recipient is whoever the original was
// addressed to (To and Cc), bracketed tags of lists and tickets are left out.
import type { ParsedMessage } from '../../parse/index.js';
import { headerValues } from '../headers.js';

/** Most header text read for recipients: enough for any real To line. */
const READ = 4096;
/** A local part shorter than this, or without a separator or digit, is a word ("info", "sales"). */
const LOCAL_MIN = 5;

function addressesIn(value: string): string[] {
  const out: string[] = [];
  for (const word of value.slice(0, READ).split(/[\s<>,;"()]+/)) {
    const at = word.indexOf('@');
    if (at > 0 && at < word.length - 1) out.push(word.toLowerCase());
  }
  return out;
}

/** Subject without `[…]` tags, lower case: one pass. */
function withoutTags(subject: string): string {
  let out = '';
  let depth = 0;
  for (const ch of subject.slice(0, 1000)) {
    if (ch === '[') depth++;
    else if (ch === ']' && depth > 0) depth--;
    else if (depth === 0) out += ch;
  }
  return out.toLowerCase();
}

/** The recipient address or local part the subject names, or null. */
export function recipientInSubject(message: ParsedMessage): string | null {
  const subject = withoutTags(message.subject);
  if (!subject) return null;
  for (const address of ['To', 'Cc'].flatMap((h) => headerValues(message, h).flatMap(addressesIn))) {
    if (subject.includes(address)) return address;
    const local = address.slice(0, address.indexOf('@'));
    if (local.length >= LOCAL_MIN && /[._+\-0-9]/.test(local) && subject.includes(local)) return local;
  }
  return null;
}
