// The web addresses an attachment leads to or loads: a PDF's link actions and an Office document's
// external references (remote templates and objects first, then hyperlinks). They are the message's
// indicators as much as the links of its body.
import type { AttachmentFindings } from './inspect.js';

const isWeb = (u: string) => /^https?:\/\//i.test(u);

export function attachmentUrls(findings: readonly AttachmentFindings[]): string[] {
  const out = new Set<string>();
  for (const f of findings) {
    for (const u of f.pdf?.urls ?? []) out.add(u);
    const office = f.office;
    if (!office) continue;
    if (office.externalTemplate) out.add(office.externalTemplate);
    for (const u of office.externalObjects) out.add(u);
    for (const u of office.externalLinks) out.add(u);
  }
  return [...out].filter(isWeb);
}
