// Attachments: upload bytes (base64 in JSON) for an id, and read one back (reference §2.6).
import type { ArcherClient, ArcherRequest } from '../client.js';
import { attachmentSchema, idSchema } from '../schemas.js';

export async function uploadAttachment(
  client: ArcherClient,
  name: string,
  bytes: Uint8Array,
  o?: ArcherRequest & { sensitive?: boolean },
): Promise<number> {
  const body = {
    AttachmentName: name,
    AttachmentBytes: Buffer.from(bytes).toString('base64'),
    IsSensitive: o?.sensitive ?? false,
  };
  return (await client.post('content/attachment', body, idSchema, o)).Id;
}

export async function getAttachment(
  client: ArcherClient,
  id: number,
  o?: ArcherRequest,
): Promise<{ name: string; bytes: Buffer }> {
  const a = await client.get(`content/attachment/${id}`, attachmentSchema, o);
  return { name: a.AttachmentName, bytes: Buffer.from(a.AttachmentBytes, 'base64') };
}
