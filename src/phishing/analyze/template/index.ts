// The template signature of a reported original: what copies of one campaign share once the per-copy
// parts are masked. The body as a MinHash of its masked words, the links as skeletons, subject and
// display name masked, and the sender's registrable domain. Computed with the analysis (on its worker);
// the campaign store compares it with the signatures of recent campaigns.
import { z } from 'zod';
import { encodeSignature, minHash } from './minhash.js';
import { maskedLine } from './masked-line.js';
import { urlSkeletons } from './url-skeleton.js';
import { nameWords, templateWords } from './words.js';

export interface TemplateSignature {
  /** MinHash of the masked body words (base64), null when the body has no words. */
  body: string | null;
  /** How many masked words the body had (at most MAX_WORDS): short bodies prove little. */
  words: number;
  /** Link skeletons (registrable domain and masked path), sorted. */
  urls: string[];
  /** Subject without prefixes, masked. */
  subject: string;
  /** The From display name, masked. */
  displayName: string;
  /** Registrable domain of the From address. */
  sender: string | null;
}

/** The signature as records and the store keep it. */
export const templateSignatureSchema: z.ZodType<TemplateSignature> = z
  .object({
    body: z.string().nullable(),
    words: z.number().int().min(0),
    urls: z.array(z.string()),
    subject: z.string(),
    displayName: z.string(),
    sender: z.string().nullable(),
  })
  .strict();

export interface TemplateInputs {
  /** The visible text of the body (text part, else the HTML's text). */
  text: string;
  /** The normalised subject. */
  subject: string;
  displayName: string;
  sender: string | null;
  /** The message's links, gateways' own links left out (their targets are in). */
  urls: readonly string[];
  /** Who reported it, usually its recipient: their name parts are masked. */
  recipient: { address: string; name: string } | null;
}

export function templateSignature(i: TemplateInputs): TemplateSignature {
  const names = nameWords(i.recipient?.address, i.recipient?.name);
  const words = templateWords(i.text, names);
  return {
    body: words.length > 0 ? encodeSignature(minHash(words)) : null,
    words: words.length,
    urls: urlSkeletons(i.urls),
    subject: maskedLine(i.subject, names),
    displayName: maskedLine(i.displayName, names),
    sender: i.sender,
  };
}

export { bandKeys, decodeSignature, estimatedJaccard, hashString, mix32 } from './minhash.js';
