// The other messages attached beside the one analysed. Microsoft's report format carries one original,
// but people attach several to one report ("three more of these today"). Only the first is analysed;
// the others must not vanish unseen, so the analysts get enough of each to find and report it.
import { type Budget, LimitExceeded } from './limits.js';
import type { EmbeddedRef } from './node.js';

export interface AlsoAttached {
  /** The attachment's file name, or the item's name. */
  name: string;
  subject: string | null;
  from: string | null;
  messageId: string | null;
}

/** Listed at most: enough to act on, and opening each one costs parse budget. */
const MAX_LISTED = 20;

export async function alsoAttached(refs: readonly EmbeddedRef[], budget: Budget): Promise<AlsoAttached[]> {
  const out: AlsoAttached[] = [];
  for (const ref of refs.slice(0, MAX_LISTED)) {
    try {
      budget.spendBytes(ref.size);
      const m = (await ref.open()).message;
      out.push({ name: ref.name, subject: m.subject, from: m.from?.address ?? null, messageId: m.messageId });
    } catch (e) {
      // Past a limit the list stops; the analysed original is already safe.
      if (e instanceof LimitExceeded) break;
      out.push({ name: ref.name, subject: null, from: null, messageId: null });
    }
  }
  return out;
}
