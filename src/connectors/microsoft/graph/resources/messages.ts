// Messages of a mailbox: read one, its MIME ($value) up to a size limit, update (categories, read
// state), move to a folder, and one delta round over a folder's messages.
// https://learn.microsoft.com/graph/api/resources/message
import { z } from 'zod';
import { safePath } from '../../../../platform/http/index.js';
import type { GraphClient } from '../client.js';
import { messageSchema } from '../schemas.js';
import type { GraphCallOptions, Message, ResourcePageOptions } from '../types.js';
import type { DeltaRound } from './delta.js';

const messagePath = (mailbox: string, id: string) => safePath`/users/${mailbox}/messages/${id}`;

/** @link https://learn.microsoft.com/graph/api/message-get */
export async function getMessage(
  graph: GraphClient,
  mailbox: string,
  id: string,
  o?: GraphCallOptions,
): Promise<Message> {
  return graph.get(messagePath(mailbox, id), messageSchema, o);
}

export interface MimeOptions extends GraphCallOptions {
  /** The most bytes the caller can use; one byte more is read, so a larger mail is known to be. */
  maxBytes: number;
}

export interface MessageMime {
  /** At most maxBytes + 1 bytes. */
  bytes: Buffer;
  /** The mail is larger than maxBytes; `bytes` holds only its beginning. */
  tooLarge: boolean;
}

/**
 * The message as MIME, read no further than one byte past `maxBytes` (Graph allows 150 MB mails).
 * @link https://learn.microsoft.com/graph/outlook-get-mime-message
 */
export async function getMessageMime(
  graph: GraphClient,
  mailbox: string,
  id: string,
  o: MimeOptions,
): Promise<MessageMime> {
  const { maxBytes, ...call } = o;
  const res = await graph.raw({
    ...call,
    method: 'GET',
    url: `${messagePath(mailbox, id)}/$value`,
    truncateBodyAt: maxBytes + 1,
  });
  return { bytes: res.body, tooLarge: res.body.length > maxBytes };
}

/** The writable properties graphsoc sets. */
export interface MessageChanges {
  categories?: string[];
  isRead?: boolean;
}

/** @link https://learn.microsoft.com/graph/api/message-update */
export async function updateMessage(
  graph: GraphClient,
  mailbox: string,
  id: string,
  changes: MessageChanges,
  o?: GraphCallOptions,
): Promise<void> {
  await graph.patch(messagePath(mailbox, id), changes, o);
}

/**
 * Moves a message to a folder (by id or well-known name). The answer is not read: with
 * Prefer IdType="ImmutableId" the message keeps its id. @link https://learn.microsoft.com/graph/api/message-move
 */
export async function moveMessage(
  graph: GraphClient,
  mailbox: string,
  id: string,
  destinationId: string,
  o?: GraphCallOptions,
): Promise<void> {
  await graph.post(`${messagePath(mailbox, id)}/move`, { destinationId }, z.unknown(), o);
}

export interface FolderDeltaOptions extends ResourcePageOptions {
  /** The deltaLink saved by the previous round; absent for a first (full) round. */
  deltaLink?: string | undefined;
}

/**
 * One delta round over a folder's messages (a folder id or well-known name such as `inbox`). A
 * saved deltaLink Graph no longer accepts fails with GraphError.resyncRequired.
 * @link https://learn.microsoft.com/graph/api/message-delta
 */
export function folderMessagesDelta(
  graph: GraphClient,
  mailbox: string,
  folder: string,
  o: FolderDeltaOptions = {},
): DeltaRound<Message> {
  const { deltaLink, ...rest } = o;
  const start = deltaLink ?? safePath`/users/${mailbox}/mailFolders/${folder}/messages/delta`;
  return graph.delta(start, { ...rest, item: messageSchema });
}
