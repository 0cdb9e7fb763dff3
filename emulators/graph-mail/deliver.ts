// Puts a new message into a folder and tells subscribers, as mail arriving from outside would.
import type { EmulatorContext } from '../microsoft/context.js';
import { notifyChange } from './notify.js';
import { mailOf } from './state.js';
import type { Mailbox, MailMessage, NewMessage } from './store.js';

export function deliver(
  ctx: EmulatorContext,
  box: Mailbox,
  folderRef: string,
  input: NewMessage,
): MailMessage {
  const folder = box.folder(folderRef) ?? box.folderByPath(folderRef);
  if (!folder) throw new Error(`mailbox ${box.address} has no folder '${folderRef}'`);
  const msg = box.add(folder.id, input);
  notifyChange(ctx, box, msg, 'created');
  return msg;
}

/** The mailbox of a user (id or UPN) of a tenant (GUID or domain); throws for an unknown one. */
export function mailboxOf(ctx: EmulatorContext, tenantRef: string, userRef: string): Mailbox {
  const tenant = ctx.state.findTenant(tenantRef);
  if (!tenant) throw new Error(`unknown tenant: ${tenantRef}`);
  const box = mailOf(ctx).mailbox(ctx.state, tenant.id, userRef);
  if (!box) throw new Error(`unknown user in tenant ${tenant.id}: ${userRef}`);
  return box;
}
