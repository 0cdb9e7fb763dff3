// What the verdict rules look at, gathered once per report.
import type { AttachmentFindings } from './attachments/index.js';
import type { ParsedMessage } from '../parse/index.js';
import type { AntiSpam } from './antispam.js';
import type { AuthResults } from './authentication.js';
import type { Lookalike } from './lookalike.js';
import type { ResolvedAnalyzeOptions } from './options.js';
import type { ListMail } from './signals/list-mail.js';
import type { HtmlLink } from './urls.js';
import type { VerifiedSignatures } from './verified-signatures.js';

export interface Facts {
  message: ParsedMessage;
  auth: AuthResults;
  antiSpam: AntiSpam;
  fromDomain: string | null;
  replyToDomains: string[];
  links: HtmlLink[];
  /** The message's list headers, read once for the rules that excuse list mail. */
  list: ListMail;
  /** The visible text (the HTML's when there is one); empty in the headers-only analysis. */
  text: string;
  /** The message's URL indicators: from text, links and attachments, unwrapped targets included. */
  urls: string[];
  /** What the look inside each attachment found (empty in the headers-only analysis). */
  inspected: AttachmentFindings[];
  lookalikes: Lookalike[];
  /** graphsoc's own DKIM and ARC verification; null when it did not run. */
  signatures: VerifiedSignatures | null;
  options: ResolvedAnalyzeOptions;
}
