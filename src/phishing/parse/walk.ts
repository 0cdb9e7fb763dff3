// Descends from the report mail through its attached messages to the reported original.
import { splitEmbedded } from './embedded.js';
import { type Budget, LimitExceeded } from './limits.js';
import { parseMime } from './mime.js';
import { MsgUnreadable, parseMsg } from './msg.js';
import type { EmbeddedRef, MessageNode } from './node.js';
import type { OriginalSource } from './types.js';

export async function mimeNode(raw: Uint8Array, budget: Budget): Promise<MessageNode> {
  const message = await parseMime(raw, budget);
  const { embedded, files } = splitEmbedded(message.attachments);
  message.attachments = files;
  const open = (bytes: Uint8Array) => mimeNode(bytes, budget);
  return {
    message,
    embedded: embedded.map((e) => ({
      kind: e.kind,
      name: e.name,
      size: 0,
      open: () => (e.kind === 'msg' ? parseMsg(e.bytes, budget, open) : open(e.bytes)),
    })),
  };
}

export interface Descent {
  node: MessageNode;
  source: OriginalSource;
  depth: number;
}

/**
 * Opens the first embedded message at each level (the Microsoft report format allows one) until a
 * message has none or `pick` says stop. An embedded message that cannot be read leaves its parent as
 * the original, with a warning; crossing a limit ends the whole parse (LimitExceeded propagates).
 */
export async function descend(
  top: MessageNode,
  extra: EmbeddedRef[],
  budget: Budget,
  warnings: string[],
): Promise<Descent> {
  let current: Descent = { node: top, source: 'wrapper', depth: 0 };
  let candidates = top.embedded.length > 0 ? top.embedded : extra;
  while (candidates.length > 0) {
    if (candidates.length > 1) warnings.push(`several-embedded-messages:${current.depth}`);
    const next = candidates[0] as EmbeddedRef;
    if (current.depth + 1 > budget.limits.maxDepth)
      throw new LimitExceeded('too-deep', `messages nested more than ${budget.limits.maxDepth} deep`);
    budget.spendBytes(next.size);
    let node: MessageNode;
    try {
      node = await next.open();
    } catch (err) {
      if (err instanceof LimitExceeded) throw err;
      const why = err instanceof MsgUnreadable ? 'msg-unreadable' : 'embedded-unreadable';
      warnings.push(`${why}:${current.depth + 1}`);
      break;
    }
    current = { node, source: next.kind, depth: current.depth + 1 };
    if (budget.limits.pick === 'outermost') break;
    candidates = node.embedded;
  }
  return current;
}
