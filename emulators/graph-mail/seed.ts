// Seeding mailboxes: the zod shape of a mail seed and loading the mail/ folder of a seed directory.
// A message is given as its MIME (raw RFC 822 text or base64, or a file path in seed directories);
// subject, sender, ids, dates and attachments are derived from it, as Exchange would on delivery.
// Layout: mail/mailboxes.json, a JSON array (or {"value": [...]}) of {tenantId?, user, folders?, messages?}.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { readSeedList } from '../shared/seed-file.js';
import { mailOfDirectory } from './state.js';
import { type MailAttachment, type Mailbox, type NewMessage, opaqueId } from './store.js';
import type { DirectoryState } from '../directory/state.js';

const attachmentSeed = z
  .object({
    '@odata.type': z.enum([
      '#microsoft.graph.fileAttachment',
      '#microsoft.graph.itemAttachment',
      '#microsoft.graph.referenceAttachment',
    ]),
    name: z.string().min(1),
    contentType: z.string().optional(),
    /** fileAttachment: base64 content. */
    contentBytes: z.string().optional(),
    /** itemAttachment: the attached message's MIME (raw or base64). */
    mime: z.string().optional(),
    /** referenceAttachment: the cloud link. */
    sourceUrl: z.string().optional(),
    isInline: z.boolean().optional(),
  })
  .strict();
export const mailMessageSeedSchema = z
  .object({
    /** Folder id, well-known name or display-name path ("Inbox/Phishing"); default inbox. */
    folder: z.string().min(1).default('inbox'),
    mime: z.string().min(1).optional(),
    /** Seed directories only: a .eml file relative to the directory. */
    mimeFile: z.string().min(1).optional(),
    categories: z.array(z.string()).optional(),
    isRead: z.boolean().optional(),
    receivedDateTime: z.string().optional(),
    /** Attachments beyond those in the MIME (e.g. reference attachments). */
    attachments: z.array(attachmentSeed).optional(),
  })
  .strict()
  .refine((m) => m.mime !== undefined || m.mimeFile !== undefined, 'mime or mimeFile is required');
export const mailboxSeedSchema = z
  .object({
    tenantId: z.string().min(1).optional(),
    /** User id or userPrincipalName; an unknown UPN adds the user to the directory. */
    user: z.string().min(1),
    /** Folder paths to create below the root, e.g. "Inbox/Phishing". */
    folders: z.array(z.string().min(1)).optional(),
    messages: z.array(mailMessageSeedSchema).optional(),
  })
  .strict();
export const mailSeedSchema = z.object({ mailboxes: z.array(mailboxSeedSchema) }).strict();
export type MailSeed = z.input<typeof mailSeedSchema>;
export type MailMessageSeed = z.input<typeof mailMessageSeedSchema>;

export function applyMailSeed(
  state: DirectoryState,
  tenantRef: string | undefined,
  seed: MailSeed,
  baseDir?: string,
): void {
  const parsed = mailSeedSchema.parse(seed);
  for (const mb of parsed.mailboxes) {
    const box = mailboxFor(state, tenantRef || mb.tenantId, mb.user);
    for (const path of mb.folders ?? []) ensureFolderPath(box, path);
    for (const msg of mb.messages ?? []) {
      const folder = box.folder(msg.folder)?.id ?? ensureFolderPath(box, msg.folder);
      box.add(folder, toNewMessage(msg, baseDir));
    }
  }
}

/** Reads `<dir>/mail/mailboxes.json` if it exists. */
export function loadMailSeedDir(state: DirectoryState, dir: string): void {
  const path = join(dir, 'mail', 'mailboxes.json');
  const list = readSeedList(path);
  if (list === undefined) return;
  const parsed = mailSeedSchema.safeParse({ mailboxes: list });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`seed file ${path}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  applyMailSeed(state, undefined, parsed.data, join(dir, 'mail'));
}

export function toNewMessage(msg: z.output<typeof mailMessageSeedSchema>, baseDir?: string): NewMessage {
  const mime =
    msg.mime ??
    readFileSync(
      isAbsolute(msg.mimeFile ?? '') || !baseDir ? (msg.mimeFile ?? '') : join(baseDir, msg.mimeFile ?? ''),
      'latin1',
    );
  return {
    mime: msg.mimeFile && msg.mime === undefined ? Buffer.from(mime, 'latin1') : mime,
    ...(msg.categories ? { categories: msg.categories } : {}),
    ...(msg.isRead !== undefined ? { isRead: msg.isRead } : {}),
    ...(msg.receivedDateTime ? { receivedDateTime: new Date(msg.receivedDateTime).toISOString() } : {}),
    extraAttachments: (msg.attachments ?? []).map(toAttachment),
  };
}

function toAttachment(a: z.output<typeof attachmentSeed>): MailAttachment {
  const kind =
    a['@odata.type'] === '#microsoft.graph.fileAttachment'
      ? 'file'
      : a['@odata.type'] === '#microsoft.graph.itemAttachment'
        ? 'item'
        : 'reference';
  const content =
    kind === 'file'
      ? Buffer.from(a.contentBytes ?? '', 'base64')
      : kind === 'item'
        ? Buffer.from(a.mime ?? '', /^[A-Za-z0-9+/=\s]+$/.test(a.mime ?? '') ? 'base64' : 'utf8')
        : Buffer.alloc(0);
  return {
    id: opaqueId('AAMkADAwATM0MDAAMS1hAtt'),
    kind,
    name: a.name,
    contentType:
      kind === 'item' ? null : (a.contentType ?? (kind === 'file' ? 'application/octet-stream' : null)),
    isInline: a.isInline ?? false,
    content,
    ...(a.sourceUrl ? { sourceUrl: a.sourceUrl } : {}),
    lastModifiedDateTime: new Date().toISOString(),
  };
}

function mailboxFor(state: DirectoryState, tenantRef: string | undefined, user: string): Mailbox {
  const tenantId = tenantRef ? state.findTenant(tenantRef)?.id : onlyTenant(state);
  if (!tenantId) throw new Error(`unknown tenant: ${tenantRef}`);
  const mail = mailOfDirectory(state);
  const existing = mail.mailbox(state, tenantId, user);
  if (existing) return existing;
  if (!user.includes('@')) throw new Error(`unknown user in tenant ${tenantId}: ${user}`);
  const local = user.split('@')[0] ?? user;
  state.seedUsers([
    { tenantId, userPrincipalName: user, mail: user, displayName: local, mailNickname: local },
  ]);
  const box = mail.mailbox(state, tenantId, user);
  if (!box) throw new Error(`could not create a mailbox for ${user}`);
  return box;
}

function ensureFolderPath(box: Mailbox, path: string): string {
  let parent = box.rootId;
  for (const segment of path.split('/').filter(Boolean)) {
    const found =
      (parent === box.rootId ? box.folder(segment) : undefined) ??
      box.children(parent).find((f) => f.displayName.toLowerCase() === segment.toLowerCase());
    parent = (found ?? box.addFolder(segment, parent)).id;
  }
  return parent;
}

function onlyTenant(state: DirectoryState): string | undefined {
  const ids = [...state.tenants.keys()];
  if (ids.length !== 1)
    throw new Error('mailbox has no tenantId and the emulator does not have exactly one tenant');
  return ids[0];
}
