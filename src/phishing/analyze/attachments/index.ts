// What the attachments module offers the analysis: one call per message (or per attachment) that
// looks inside PDFs, Office documents (OLE2, OOXML, RTF) and zip archives, bounded in time and memory.
// Each finding type documents its fields; nothing here judges: the rules weigh the findings.
export type { ArchiveFindings } from './archive.js';
export {
  type AttachmentFindings,
  DEFAULT_INSPECT_LIMITS,
  type InspectLimits,
  inspectAttachment,
  inspectAttachments,
} from './inspect.js';
export type { FileKind } from './magic.js';
export type { OfficeFindings, OfficeKind } from './office-findings.js';
export type { PdfFindings } from './pdf-links.js';
export { passwordCandidates } from './passwords.js';
export { attachmentUrls } from './urls.js';
