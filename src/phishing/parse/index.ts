// Entry point of report parsing: the report mail in, the reported original (or a reason) out.
export type { AlsoAttached } from './also-attached.js';
export { DEFAULT_LIMITS, type ParseOptions } from './limits.js';
export { parseReport, type SuppliedAttachment } from './parse-report.js';
export { type ReportKind, reportKind } from './report-kind.js';
export {
  type HeaderField,
  isUnparseable,
  type MailAddress,
  type OriginalSource,
  type ParsedMessage,
  type ParsedReport,
  type ParseResult,
  type ReportAttachment,
  type Unparseable,
  type UnparseableReason,
} from './types.js';
