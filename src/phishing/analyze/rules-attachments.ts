// Verdict rules about attachments: first what their content holds (a VBA project, a remote template,
// a PDF that runs script, an archive carrying a program), then, for what could not be looked into,
// what the name and type say. An Office file whose content was read and holds no macro is not judged
// by its extension: most .doc and .xls files mailed are plain documents.
import { attachmentRisk } from './attachment-risk.js';
import type { AttachmentFindings } from './attachments/index.js';
import type { Facts } from './facts.js';
import { type Reason, reason } from './reason.js';
import type { Rule } from './rules.js';

/** The content was read to the end: what it lacks, it lacks. */
const readWhole = (f: AttachmentFindings | undefined) =>
  f !== undefined && !f.skipped && !!f.office && !f.office.encrypted && !f.office.truncated;

function contentReasons(x: Facts, f: AttachmentFindings): Reason[] {
  const out: Reason[] = [];
  const { office, pdf, archive } = f;
  if (office?.macros)
    out.push(
      reason(
        x,
        'ATTACHMENT_MACRO',
        `Attachment ${f.name} contains ${office.excel4Macros ? 'Excel 4.0 macro sheets' : 'a macro (VBA project)'}.`,
      ),
    );
  const remote = office?.externalTemplate ?? office?.externalObjects[0];
  if (remote)
    out.push(
      reason(
        x,
        'ATTACHMENT_REMOTE_CONTENT',
        `Attachment ${f.name} loads ${office?.externalTemplate ? 'a template' : 'an object'} from ${remote.slice(0, 200)} when opened.`,
      ),
    );
  if (pdf && (pdf.javascript || pdf.launch))
    out.push(
      reason(
        x,
        'ATTACHMENT_PDF_ACTIVE',
        `Attachment ${f.name} is a PDF with ${pdf.launch ? 'a Launch action' : 'JavaScript'}.`,
      ),
    );
  if (pdf?.encrypted && pdf.decrypted && pdf.urls.length > 0)
    out.push(
      reason(
        x,
        'ATTACHMENT_PDF_LOCKED_LINK',
        `Attachment ${f.name} is an encrypted PDF holding links, a way past mail filters.`,
      ),
    );
  if (archive && archive.dangerous.length > 0) {
    const first = archive.dangerous[0];
    out.push(
      reason(
        x,
        'ARCHIVE_DANGEROUS',
        `Archive ${f.name} contains ${first?.name.slice(0, 100)} (${first?.risk}).`,
      ),
    );
  }
  if (archive && archive.encryptedEntries > 0)
    out.push(
      reason(
        x,
        'ARCHIVE_ENCRYPTED',
        `Archive ${f.name} is password-protected, so mail filters could not look inside.`,
      ),
    );
  if (f.mismatch)
    out.push(
      reason(
        x,
        'ATTACHMENT_TYPE_MISMATCH',
        `Attachment ${f.name} is a ${f.detected} file, not the ${f.declared} its name or type claims.`,
      ),
    );
  return out;
}

export const attachments: Rule = (f: Facts) =>
  f.message.attachments.flatMap((a, i) => {
    const found = f.inspected[i];
    const reasons = found ? contentReasons(f, found) : [];
    const risk = attachmentRisk(a.name, a.contentType);
    if (risk === 'macro') {
      // Macros found are reported above; none in a document read whole means none.
      if (!readWhole(found) && !reasons.some((r) => r.code === 'ATTACHMENT_MACRO'))
        reasons.push(
          reason(f, 'ATTACHMENT_MACRO', `Attachment ${a.name} is an Office format that can carry macros.`),
        );
    } else if (risk)
      reasons.push(reason(f, 'ATTACHMENT_DANGEROUS', `Attachment ${a.name} is a dangerous type (${risk}).`));
    return reasons;
  });
