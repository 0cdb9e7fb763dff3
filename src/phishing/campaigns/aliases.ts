// The aliases a report's original answers to. Reports whose originals share a Message-ID are one
// campaign whenever they arrive; reports sharing sender domain, normalised subject and URL set are one
// campaign within the window. Aliases are hashes: they go into the database and an Archer field, and
// need not carry the subject or addresses themselves. Similarity keys only find candidate campaigns
// (similarity.ts decides), so they may be shared by campaigns that are not one.
import { createHash } from 'node:crypto';
import { bandKeys, decodeSignature, type TemplateSignature } from '../analyze/template/index.js';

export interface CampaignInputs {
  /** Message-ID of the reported original. */
  messageId: string | null;
  senderDomain: string | null;
  /** The normalised subject (analyze's normaliseSubject). */
  subject: string;
  /** The URL-set fingerprint (analyze's urlSetFingerprint); null when the message has no URL. */
  urlFingerprint: string | null;
  /** The template signature; absent for a report grouped by its Message-ID only (a partial analysis). */
  template?: TemplateSignature | null;
}

export interface CampaignAliases {
  messageId?: string;
  fingerprint?: string;
}

const hash = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 32);

export function campaignAliases(c: CampaignInputs): CampaignAliases {
  const out: CampaignAliases = {};
  const mid = c.messageId?.trim().replace(/^<|>$/g, '').toLowerCase();
  if (mid) out.messageId = `mid:${hash(mid)}`;
  // Without a sender domain or with neither subject nor URLs there is too little to group on: such a
  // report forms a campaign only with reports of the same original.
  if (c.senderDomain && (c.subject !== '' || c.urlFingerprint !== null)) {
    out.fingerprint = `fp:${hash(`${c.senderDomain.toLowerCase()}\n${c.subject}\n${c.urlFingerprint ?? ''}`)}`;
  }
  return out;
}

/** The keys a template is found by: each MinHash band of its body, each link skeleton, its subject. */
export function similarityKeys(t: TemplateSignature, minWords: number): string[] {
  const sig = t.body && t.words >= minWords ? decodeSignature(t.body) : null;
  const bands = sig ? bandKeys(sig) : [];
  return [
    ...bands.map((b) => `lsh:${b}`),
    ...t.urls.map((u) => `lnk:${hash(u)}`),
    ...(t.subject ? [`sub:${hash(t.subject)}`] : []),
  ];
}
