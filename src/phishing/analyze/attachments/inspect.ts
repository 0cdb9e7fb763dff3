// The entry point: what an attachment is by its content (not its name), and what its content carries:
// a PDF's links and actions, an Office document's macros and external references, a zip's listing.
// A message's attachments are inspected up to a count and a byte total; the rest are named as skipped.
import type { ReportAttachment } from '../../parse/types.js';
import { type ArchiveFindings, inspectArchive } from './archive.js';
import { declaredKind, type FileKind, kindMismatch, sniffKind } from './magic.js';
import type { OfficeFindings } from './office-findings.js';
import { inspectOle } from './ole-office.js';
import { inspectOoxml, isOfficePackage } from './ooxml.js';
import { DEFAULT_PDF_LIMITS, inspectPdf, type PdfFindings } from './pdf-links.js';
import { passwordCandidates } from './passwords.js';
import { inspectRtf } from './rtf.js';
import { listZip } from './zip.js';

export interface AttachmentFindings {
  name: string;
  /** What the content is, by its magic bytes. */
  detected: FileKind;
  /** What the name's extension (or else the declared Content-Type) claims; null when neither says. */
  declared: FileKind | null;
  /** Content and claim disagree: a .pdf that is a zip, an .xls that is HTML. */
  mismatch: boolean;
  pdf?: PdfFindings;
  office?: OfficeFindings;
  archive?: ArchiveFindings;
  /** Why the attachment was not inspected: past the message's count or byte limit. */
  skipped?: 'too-many-attachments' | 'too-many-bytes';
}

export interface InspectLimits {
  /** Attachments inspected per message. */
  maxAttachments: number;
  /** Attachment bytes inspected per message, summed. */
  maxTotalBytes: number;
}

export const DEFAULT_INSPECT_LIMITS: InspectLimits = { maxAttachments: 20, maxTotalBytes: 32 * 1024 * 1024 };

/**
 * Inspects one attachment by its content. Never throws on malformed content. `passwords` are tried on
 * an encrypted PDF after the empty one (see passwordCandidates).
 */
export function inspectAttachment(
  att: ReportAttachment,
  passwords: readonly string[] = [],
): AttachmentFindings {
  const detected = sniffKind(att.bytes);
  const declared = declaredKind(att.name, att.contentType);
  const out: AttachmentFindings = {
    name: att.name,
    detected,
    declared,
    mismatch: kindMismatch(declared, detected),
  };
  if (detected === 'pdf') out.pdf = inspectPdf(att.bytes, DEFAULT_PDF_LIMITS, passwords);
  else if (detected === 'rtf') out.office = inspectRtf(att.bytes);
  else if (detected === 'ole') {
    const office = inspectOle(att.bytes);
    if (office) out.office = office;
  } else if (detected === 'zip') {
    const listing = listZip(att.bytes);
    if (isOfficePackage(listing)) out.office = inspectOoxml(att.bytes, listing);
    else out.archive = inspectArchive(listing);
  }
  return out;
}

/**
 * Inspects a message's attachments in order, within the limits. `mailText` is the message's text (plain
 * or HTML turned to text): passwords it gives for the attachments are tried on encrypted PDFs.
 */
export function inspectAttachments(
  atts: readonly ReportAttachment[],
  o: { limits?: InspectLimits; mailText?: string } = {},
): AttachmentFindings[] {
  const limits = o.limits ?? DEFAULT_INSPECT_LIMITS;
  const passwords = o.mailText ? passwordCandidates(o.mailText) : [];
  let bytes = 0;
  let count = 0;
  return atts.map((att) => {
    const size = att.bytes.byteLength;
    const skip = (why: AttachmentFindings['skipped']): AttachmentFindings => {
      const declared = declaredKind(att.name, att.contentType);
      return { name: att.name, detected: sniffKind(att.bytes), declared, mismatch: false, skipped: why };
    };
    if (count >= limits.maxAttachments) return skip('too-many-attachments');
    if (bytes + size > limits.maxTotalBytes) return skip('too-many-bytes');
    count++;
    bytes += size;
    return inspectAttachment(att, passwords);
  });
}
