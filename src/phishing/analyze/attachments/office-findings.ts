// What the inspection of an Office document reports, whatever its container (OLE2, OOXML zip, RTF).

export type OfficeKind =
  | 'doc'
  | 'xls'
  | 'ppt'
  | 'msg'
  | 'ole'
  | 'encrypted-ooxml'
  | 'docx'
  | 'xlsx'
  | 'pptx'
  | 'ooxml'
  | 'odf'
  | 'rtf';

export interface OfficeFindings {
  kind: OfficeKind;
  /** A VBA project (OLE `VBA` storage, OOXML `vbaProject.bin`) or Excel 4.0 macro sheets. */
  macros: boolean;
  /** Excel 4.0 (XLM) macro sheets: older than VBA and still abused because fewer tools look. */
  excel4Macros: boolean;
  /** The remote template the document loads when opened (template injection), if any. */
  externalTemplate?: string;
  /**
   * External targets that are fetched or run without a click: remote OLE objects, frames and
   * sub-documents (the CVE-2017-0199 and Follina shapes). Hyperlinks and remote images are not here.
   */
  externalObjects: string[];
  /** Every external target of the document (hyperlinks, images, templates, objects), de-duplicated. */
  externalLinks: string[];
  /** Embedded OLE objects, packages and ActiveX controls. */
  embeddedObjects: number;
  /** The document is password-encrypted, so its insides could not be read. */
  encrypted: boolean;
  /** A bound or damage cut the inspection short: what was found stands, more may exist. */
  truncated: boolean;
}

export const emptyOfficeFindings = (kind: OfficeKind): OfficeFindings => ({
  kind,
  macros: false,
  excel4Macros: false,
  externalObjects: [],
  externalLinks: [],
  embeddedObjects: 0,
  encrypted: false,
  truncated: false,
});

/** Most external targets kept per document. */
export const MAX_LINKS = 1000;

/** Adds `url` to `list` unless present or the list is full; says whether the list was full. */
export function addLink(list: string[], url: string): boolean {
  if (list.includes(url)) return false;
  if (list.length >= MAX_LINKS) return true;
  list.push(url);
  return false;
}
