// Attachment indicators: name, type, size and the three hashes threat-intel tools look up.
import { createHash } from 'node:crypto';
import type { ReportAttachment } from '../parse/index.js';

export interface AttachmentIoc {
  name: string;
  contentType: string;
  size: number;
  md5: string;
  sha1: string;
  sha256: string;
}

const digest = (alg: string, bytes: Uint8Array) => createHash(alg).update(bytes).digest('hex');

export function attachmentIoc(a: ReportAttachment): AttachmentIoc {
  return {
    name: a.name,
    contentType: a.contentType,
    size: a.size,
    md5: digest('md5', a.bytes),
    sha1: digest('sha1', a.bytes),
    sha256: digest('sha256', a.bytes),
  };
}
