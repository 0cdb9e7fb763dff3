// Mailboxes of the mail emulator: folders, messages (with their MIME and attachments) and the change
// versions that delta rounds read. Every message keeps an immutable id and a REST id; moving it changes
// only the REST id, as Outlook does. https://learn.microsoft.com/graph/outlook-immutable-id
import { randomBytes } from 'node:crypto';
import { type ParsedAttachment, parseMessage } from './mime.js';

export interface MailFolder {
  id: string;
  displayName: string;
  parentFolderId: string;
  wellKnownName?: string;
}

export interface MailAttachment {
  id: string;
  kind: 'file' | 'item' | 'reference';
  name: string;
  contentType: string | null;
  isInline: boolean;
  contentId?: string;
  content: Buffer;
  sourceUrl?: string;
  lastModifiedDateTime: string;
}

export interface MailMessage {
  immutableId: string;
  restId: string;
  folderId: string;
  mime: string;
  categories: string[];
  isRead: boolean;
  isDraft: boolean;
  receivedDateTime: string;
  sentDateTime: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  changeKey: string;
  conversationId: string;
  attachments: MailAttachment[];
  /** Mailbox version of the last change; delta rounds return messages changed after their token. */
  version: number;
}

export interface NewMessage {
  mime: string | Buffer;
  categories?: string[];
  isRead?: boolean;
  receivedDateTime?: string;
  extraAttachments?: MailAttachment[];
}

/** Folders every mailbox has, by well-known name. https://learn.microsoft.com/graph/api/resources/mailfolder */
export const WELL_KNOWN_FOLDERS: Record<string, string> = {
  inbox: 'Inbox',
  drafts: 'Drafts',
  sentitems: 'Sent Items',
  deleteditems: 'Deleted Items',
  junkemail: 'Junk Email',
  archive: 'Archive',
  outbox: 'Outbox',
};
const ROOT = 'msgfolderroot';

export function opaqueId(prefix: string): string {
  return prefix + randomBytes(30).toString('base64url');
}

export class Mailbox {
  readonly folders = new Map<string, MailFolder>();
  readonly messages = new Map<string, MailMessage>();
  private readonly restIndex = new Map<string, string>();
  /** Per folder: messages that left it (moved or deleted), for @removed in delta rounds. */
  readonly departures = new Map<string, Map<string, { version: number; restId: string }>>();
  version = 0;
  /** Delta tokens older than this are gone (410); raised by the control API to force a resync. */
  deltaFloor = 0;
  readonly rootId: string;

  constructor(
    readonly tenantId: string,
    readonly userId: string,
    readonly address: string,
    readonly displayName: string,
  ) {
    this.rootId = opaqueId('AQMkADAw');
    this.folders.set(this.rootId, {
      id: this.rootId,
      displayName: 'Top of Information Store',
      parentFolderId: '',
      wellKnownName: ROOT,
    });
    for (const [name, displayName] of Object.entries(WELL_KNOWN_FOLDERS))
      this.addFolder(displayName, this.rootId, name);
  }

  addFolder(displayName: string, parentFolderId: string, wellKnownName?: string): MailFolder {
    const folder: MailFolder = { id: opaqueId('AQMkADAw'), displayName, parentFolderId };
    if (wellKnownName) folder.wellKnownName = wellKnownName;
    this.folders.set(folder.id, folder);
    return folder;
  }

  /** A folder by id or well-known name (names are case-insensitive, ids are not). */
  folder(ref: string): MailFolder | undefined {
    const byId = this.folders.get(ref);
    if (byId) return byId;
    const name = ref.toLowerCase();
    for (const f of this.folders.values()) if (f.wellKnownName === name) return f;
    return undefined;
  }

  /** A folder by path of display names below the root, e.g. "Inbox/Phishing" (case-insensitive). */
  folderByPath(path: string): MailFolder | undefined {
    let current = this.folders.get(this.rootId);
    for (const segment of path.split('/').filter(Boolean)) {
      const parent: string = current?.id ?? '';
      current =
        this.folder(segment) ??
        [...this.folders.values()].find(
          (f) => f.parentFolderId === parent && f.displayName.toLowerCase() === segment.toLowerCase(),
        );
      if (!current) return undefined;
    }
    return current;
  }

  children(folderId: string): MailFolder[] {
    return [...this.folders.values()].filter((f) => f.parentFolderId === folderId);
  }

  /** A message by its current REST id or its immutable id. */
  message(id: string): MailMessage | undefined {
    return this.messages.get(id) ?? this.messages.get(this.restIndex.get(id) ?? '');
  }

  inFolder(folderId: string): MailMessage[] {
    return [...this.messages.values()]
      .filter((m) => m.folderId === folderId)
      .sort((a, b) => b.receivedDateTime.localeCompare(a.receivedDateTime));
  }

  add(folderId: string, input: NewMessage): MailMessage {
    const parsed = parseMessage(input.mime);
    const now = new Date().toISOString();
    const received = input.receivedDateTime ?? now;
    const immutableId = opaqueId('AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A');
    const msg: MailMessage = {
      immutableId,
      restId: opaqueId('AAMkADAwATM0MDAAMS1'),
      folderId,
      mime: parsed.raw,
      categories: input.categories ?? [],
      isRead: input.isRead ?? false,
      isDraft: false,
      receivedDateTime: received,
      sentDateTime: parsed.date?.toISOString() ?? received,
      createdDateTime: now,
      lastModifiedDateTime: now,
      changeKey: opaqueId('CQAAABYAAA'),
      conversationId: opaqueId('AAQkADAwATM0MDAAMS1'),
      attachments: [...parsed.attachments.map(toAttachment), ...(input.extraAttachments ?? [])],
      version: this.bump(),
    };
    this.messages.set(immutableId, msg);
    this.restIndex.set(msg.restId, immutableId);
    this.departures.get(folderId)?.delete(immutableId);
    return msg;
  }

  update(msg: MailMessage, change: { isRead?: boolean; categories?: string[] }): void {
    if (change.isRead !== undefined) msg.isRead = change.isRead;
    if (change.categories !== undefined) msg.categories = change.categories;
    this.touch(msg);
  }

  /** Moves a message; its REST id changes (the old one no longer resolves), its immutable id does not. */
  move(msg: MailMessage, destinationId: string): void {
    this.depart(msg);
    this.restIndex.delete(msg.restId);
    msg.restId = opaqueId('AAMkADAwATM0MDAAMS1');
    this.restIndex.set(msg.restId, msg.immutableId);
    msg.folderId = destinationId;
    this.departures.get(destinationId)?.delete(msg.immutableId);
    this.touch(msg);
  }

  remove(msg: MailMessage): void {
    this.depart(msg);
    this.restIndex.delete(msg.restId);
    this.messages.delete(msg.immutableId);
  }

  departedSince(folderId: string, version: number): Array<{ immutableId: string; restId: string }> {
    return [...(this.departures.get(folderId) ?? new Map()).entries()]
      .filter(([, d]) => d.version > version)
      .map(([immutableId, d]) => ({ immutableId, restId: d.restId }));
  }

  private depart(msg: MailMessage): void {
    const map = this.departures.get(msg.folderId) ?? new Map();
    map.set(msg.immutableId, { version: this.bump(), restId: msg.restId });
    this.departures.set(msg.folderId, map);
  }

  private touch(msg: MailMessage): void {
    msg.lastModifiedDateTime = new Date().toISOString();
    msg.changeKey = opaqueId('CQAAABYAAA');
    msg.version = this.bump();
  }

  private bump(): number {
    this.version += 1;
    return this.version;
  }
}

function toAttachment(a: ParsedAttachment): MailAttachment {
  return {
    id: opaqueId('AAMkADAwATM0MDAAMS1hAtt'),
    kind: a.kind,
    name: a.name,
    // Outlook reports no content type for an attached Outlook item.
    contentType: a.kind === 'item' ? null : a.contentType,
    isInline: a.isInline,
    ...(a.contentId ? { contentId: a.contentId } : {}),
    content: a.content,
    lastModifiedDateTime: new Date().toISOString(),
  };
}
