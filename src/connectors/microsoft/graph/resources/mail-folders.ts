// Mail folders of a mailbox: the top-level ones page by page, create one, find one by display name.
// https://learn.microsoft.com/graph/api/resources/mailfolder
import { safePath } from '../../../../platform/http/index.js';
import type { GraphClient } from '../client.js';
import { mailFolderSchema } from '../schemas.js';
import type { GraphCallOptions, MailFolder, ResourcePageOptions } from '../types.js';

const foldersPath = (mailbox: string) => safePath`/users/${mailbox}/mailFolders`;

/** Top-level folders, one page at a time. @link https://learn.microsoft.com/graph/api/user-list-mailfolders */
export function listMailFolders(
  graph: GraphClient,
  mailbox: string,
  o: ResourcePageOptions = {},
): AsyncIterable<MailFolder[]> {
  return graph.pages(foldersPath(mailbox), { ...o, item: mailFolderSchema });
}

/** @link https://learn.microsoft.com/graph/api/user-post-mailfolders */
export async function createMailFolder(
  graph: GraphClient,
  mailbox: string,
  displayName: string,
  o?: GraphCallOptions,
): Promise<MailFolder> {
  return graph.post(foldersPath(mailbox), { displayName }, mailFolderSchema, o);
}

/**
 * The top-level folder with this display name, compared without regard to case as Outlook does;
 * reads 100 folders a page and stops at the first match.
 */
export async function findMailFolder(
  graph: GraphClient,
  mailbox: string,
  displayName: string,
  o: GraphCallOptions = {},
): Promise<MailFolder | undefined> {
  const wanted = displayName.toLowerCase();
  for await (const page of listMailFolders(graph, mailbox, { ...o, query: { ...o.query, $top: 100 } })) {
    const found = page.find((f) => (f.displayName ?? '').toLowerCase() === wanted);
    if (found) return found;
  }
  return undefined;
}
