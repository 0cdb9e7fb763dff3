// Entry point of report analysis: a ParsedReport in, headers, indicators and a verdict out.
export { type Analysis, type AnalyzeInputs, analyzeHeaders, analyzeReport } from './analyze-report.js';
export type { AntiSpam } from './antispam.js';
export type { AuthResults } from './authentication.js';
export { normaliseSubject, urlSetFingerprint } from './campaign-key.js';
export { defang, defangProse } from './defang.js';
export { isAllowedHost } from './allow-list.js';
export { domainOfEmail } from './domains.js';
export type { AttachmentIoc } from './hashes.js';
export type { Iocs } from './iocs.js';
export type { Lookalike } from './lookalike.js';
export type { AnalyzeOptions } from './options.js';
export type { ReceivedHop } from './received.js';
export { refang } from './refang.js';
export type { InspectionSummary } from './inspection-summary.js';
export { isReasonCode, REASON_CODES, type ReasonCode } from './reason-codes.js';
export type { Reason } from './reason.js';
export { rewriterOf, unwrapUrl } from './unwrap/index.js';
export type { Verdict, VerdictLevel } from './verdict.js';
export {
  type ResolvedVerdictOptions,
  type Thresholds,
  type VerdictOptions,
  verdictOptionsSchema,
} from './verdict-options.js';
export { pointsNote, scoreNote } from './verdict-text.js';
export { signatureLines } from './signature-text.js';
export {
  type VerifiedArc,
  type VerifiedDkim,
  type VerifiedSignatures,
  verifiedSignaturesSchema,
} from './verified-signatures.js';
