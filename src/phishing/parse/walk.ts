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
    // The same bytes, not a copy: signature verification needs them exactly as they were signed.
    mime: raw,
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
  /** The message attached to the report that the walk went into; its siblings were not followed. */
  followed?: EmbeddedRef;
}

/**
 * Opens the first readable embedded message at each level (the Microsoft report format allows one)
 * until a message has none or `pick` says stop. An embedded message that cannot be read is passed
 * over for the next one, with a warning; when none can be read its parent is the original. Crossing a
 * limit ends the whole parse (LimitExceeded propagates).
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
    if (current.depth + 1 > budget.limits.maxDepth)
      throw new LimitExceeded('too-deep', `messages nested more than ${budget.limits.maxDepth} deep`);
    const opened = await openFirst(candidates, budget, warnings, current.depth + 1);
    if (!opened) break;
    current = {
      node: opened.node,
      source: opened.ref.kind,
      depth: current.depth + 1,
      followed: current.followed ?? opened.ref,
    };
    if (budget.limits.pick === 'outermost') break;
    candidates = opened.node.embedded;
  }
  return current;
}

async function openFirst(
  candidates: readonly EmbeddedRef[],
  budget: Budget,
  warnings: string[],
  depth: number,
): Promise<{ ref: EmbeddedRef; node: MessageNode } | undefined> {
  for (const ref of candidates) {
    budget.spendBytes(ref.size);
    try {
      return { ref, node: await ref.open() };
    } catch (err) {
      if (err instanceof LimitExceeded) throw err;
      warnings.push(`${err instanceof MsgUnreadable ? 'msg-unreadable' : 'embedded-unreadable'}:${depth}`);
    }
  }
  return undefined;
}
