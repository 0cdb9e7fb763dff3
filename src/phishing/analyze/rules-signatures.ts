// Rules on graphsoc's own check of the original's DKIM and ARC signatures (verified-signatures.ts).
// Headers above your own mail system's hop are the sender's to write, and a forwarder may rewrite
// them; a signature that no longer verifies against its domain's published key is evidence of its own.
// Where the check reached a verdict it outranks the header's result for the same method, so one
// failure is never counted twice (AUTH_DKIM_FAIL and AUTH_ARC_FAIL stand aside).
import type { Facts } from './facts.js';
import { listExplains } from './list-explains.js';
import type { AdjustmentOf } from './reason-codes.js';
import { type Reason, reason } from './reason.js';
import { decisiveArc, decisiveDkim } from './verified-signatures.js';

/** Whether graphsoc's own verdict on `method` replaces the receiving system's header result. */
export function verifiedOutranks(f: Facts, method: 'dkim' | 'arc'): boolean {
  if (method === 'arc') return decisiveArc(f.signatures) !== null;
  const own = decisiveDkim(f.signatures, f.fromDomain);
  if (!own) return false;
  // An unaligned signature's verdict says nothing against the header's verdict on the From domain's.
  return own.aligned || f.auth.dkimAligned !== true;
}

const WHY: Record<string, string> = {
  'body-hash': 'the body was changed after it was signed',
  signature: 'the signed headers were changed, or the signature was not made with the published key',
};

const dkimInvalid = (f: Facts): Reason[] => {
  const own = decisiveDkim(f.signatures, f.fromDomain);
  if (!own?.aligned || own.signature.result !== 'fail') return [];
  const s = own.signature;
  const why = WHY[s.why ?? ''] ?? 'it does not match';
  let text = `The DKIM signature of ${s.domain.slice(0, 200)} does not verify: ${why} (graphsoc's own check).`;
  let adjustment: AdjustmentOf<'DKIM_SIGNATURE_INVALID'> | undefined;
  if (f.auth.dkim === 'pass' && f.auth.dkimAligned === true) {
    // What passed at your own gateway and fails now was most likely changed on its way to the report
    // (an Outlook item is written anew) or signed with a key since replaced: weak evidence of a forgery.
    adjustment = 'passed at receipt';
    text +=
      ' Your mail system recorded a pass at receipt: the copy may have changed on its way to the report, or the key since.';
  } else if (listExplains(f)) {
    adjustment = 'through a mailing list';
    text += ' A mailing list resent the message, and lists change what they resend.';
  }
  return [reason(f, 'DKIM_SIGNATURE_INVALID', text, adjustment)];
};

const arcInvalid = (f: Facts): Reason[] => {
  const arc = decisiveArc(f.signatures);
  if (arc?.result !== 'fail') return [];
  const at = arc.instance ? ` at instance ${arc.instance}` : '';
  const why = arc.why ? `: ${arc.why.slice(0, 200)}` : '';
  return [reason(f, 'ARC_CHAIN_INVALID', `The ARC chain does not verify${at}${why} (graphsoc's own check).`)];
};

export const signatureRules = [dkimInvalid, arcInvalid];
