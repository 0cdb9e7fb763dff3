// A watched report folder and the keys its state is kept under.
export interface WatchedFolder {
  /** The report mailbox: a user principal name or object id. */
  mailbox: string;
  /** A folder id or well-known name such as `inbox`. */
  folder: string;
}

/** One stable string per folder; mailbox names are case-insensitive in Exchange. */
export function folderKey(f: WatchedFolder): string {
  return `${f.mailbox.toLowerCase()}|${f.folder}`;
}

/** The URL path of the folder's messages (delta starts from it). */
export function messagesResource(f: WatchedFolder): string {
  return `/users/${encodeURIComponent(f.mailbox)}/mailFolders/${encodeURIComponent(f.folder)}/messages`;
}

/**
 * The same folder as a subscription's `resource`: a string in the request body, not a URL, written
 * as Graph's documentation writes it (`users/{id}/mailFolders('{id}')/messages`).
 */
export function subscriptionResource(f: WatchedFolder): string {
  return `users/${f.mailbox}/mailFolders('${f.folder.replace(/'/g, "''")}')/messages`;
}
