// Rules on what the message says, as opposed to where it comes from or links to.
import type { Facts } from './facts.js';
import { reason } from './reason.js';
import type { Reason } from './reason.js';
import { lurePhrase } from './signals/lure.js';

/** A phishing lure in the subject or the opening text ("verify your account", "conta bloqueada"). */
export function contentLure(f: Facts): Reason[] {
  const phrase = lurePhrase(f.message.subject, f.text);
  return phrase ? [reason(f, 'CONTENT_LURE', `The message uses a phishing lure: "${phrase}".`)] : [];
}
