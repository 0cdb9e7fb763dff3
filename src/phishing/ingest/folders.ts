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
