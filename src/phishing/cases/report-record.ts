// What the pipeline keeps of one analysed report (phishing_reports.analysis, as JSON): the reported
// original's envelope, who reported it and when, and the analysis. The case is rebuilt from these
// records of all its reports, so an update is the same whatever crashed before it.
import type { Analysis, InspectionSummary, Thresholds, Verdict } from '../analyze/index.js';
import type { AlsoAttached, ReportKind } from '../parse/index.js';

/**
 * An analysis as stored: what the analysis gained after records were first kept is optional here, so
 * a record written before it still reads (store/record-schema.ts parses against this type).
 */
export type StoredAnalysis = Omit<Analysis, 'verdict' | 'inspected'> & {
  verdict: Omit<Verdict, 'thresholds'> & { thresholds?: Thresholds };
  inspected?: InspectionSummary[];
};

export interface ReportRecord {
  reportedAt: number;
  reporter: string | null;
  subject: string;
  from: string | null;
  replyTo: string[];
  returnPath: string | null;
  messageId: string | null;
  /** What the reporter said it is (report button prefix); absent in records from before it was kept. */
  kind?: ReportKind;
  /** False when phishing.reportKinds keeps this kind of report out of Archer. */
  filed?: boolean;
  /** Other messages the reporter attached beside the analysed one; not analysed, listed for the analysts. */
  alsoAttached?: AlsoAttached[];
  /**
   * Set when the analysis ran out of its time budget: what was left out and why. The record then holds
   * what the headers and attachments gave.
   */
  incomplete?: string;
  /** Set when the report could not be parsed; the analysts still get it. */
  unparseable?: string;
  /**
   * Why the report joined its campaign ("joined: body 0.91 similar, same link skeletons"); from the
   * report's row, not its stored JSON, since the campaign is chosen after the record is made.
   */
  campaignJoin?: string;
  analysis: StoredAnalysis | null;
}
