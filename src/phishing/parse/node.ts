// A parsed message plus the messages attached to it, opened only when the walk descends.
import type { EmbeddedKind } from './embedded.js';
import type { ParsedMessage } from './types.js';

export interface EmbeddedRef {
  kind: EmbeddedKind;
  name: string;
  /** Bytes the open will parse, charged to the budget before opening. */
  size: number;
  open(): Promise<MessageNode>;
}

export interface MessageNode {
  message: ParsedMessage;
  embedded: EmbeddedRef[];
  /** The MIME bytes the message was read from; absent for an Outlook .msg, which has none. */
  mime?: Uint8Array;
}
