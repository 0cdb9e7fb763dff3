// A subject or display name with its variable parts masked, for comparing copies of one template:
// "Your mailbox jane@x.com is 98% full (ref 8812A)" and "Your mailbox bob@y.org is 97% full (ref 77Q1Z)"
// are one line. Reply and forward prefixes are already gone (normaliseSubject).
import { maskWord } from './words.js';

const MAX_LINE = 300;

export function maskedLine(line: string, names: ReadonlySet<string> = new Set()): string {
  const out: string[] = [];
  for (const token of line.slice(0, MAX_LINE).toLowerCase().split(/\s+/)) {
    const w = maskWord(token, names);
    if (w !== '') out.push(w);
  }
  return out.join(' ');
}
