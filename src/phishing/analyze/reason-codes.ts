// Every reason code the verdict rules can give, with its default points and what fires it: the one
// place the weights live, the vocabulary of `phishing.verdict.points`, and the source of the table in
// docs/phishing.md (a test compares them). Codes are never renamed or reused: dashboards and Archer
// records count them. A code whose points differ by case keeps one code; `adjust` says by how much
// each case differs from the configured points, so a configured weight moves every case with it.

export interface ReasonCodeInfo {
  /** Points when the configuration does not set them (today's weights: an empty config keeps verdicts). */
  points: number;
  /** What fires it, one line for the docs and for operators choosing weights. */
  about: string;
  /** Cases scored above or below the configured points, by how many. */
  adjust?: Readonly<Record<string, number>>;
}

export const REASON_CODES = {
  AUTH_SPF_FAIL: {
    points: 2,
    about: "SPF failed (fail, hardfail, permfail) in your own mail system's results.",
  },
  AUTH_SPF_SOFTFAIL: { points: 1, about: 'SPF soft-failed: the sending server is not clearly authorised.' },
  AUTH_DKIM_FAIL: {
    points: 2,
    about: "DKIM failed (the From domain's signature when there is one).",
    // A discussion list that resent the message (its envelope, its List-Id) breaks signatures with its
    // footers and tags, unless the author's domain asks for quarantine or reject.
    adjust: { 'through a mailing list': -1 },
  },
  AUTH_DMARC_FAIL: {
    points: 3,
    about: 'DMARC failed.',
    // A domain that asks for nothing is still collecting reports: its failures are often its own
    // unconfigured senders.
    adjust: { 'policy none': -1, 'through a mailing list': -2 },
  },
  AUTH_ARC_FAIL: { points: 1, about: 'ARC failed.' },
  AUTH_COMPAUTH_SOFTFAIL: { points: 1, about: "Microsoft's composite authentication soft-failed." },
  AUTH_COMPAUTH_FAIL: {
    points: 2,
    about:
      "Microsoft's composite authentication failed; reason 001 (implicit) and unlisted reasons score the points as set.",
    adjust: {
      'reason 000 without AUTH_DMARC_FAIL': 1,
      // AUTH_DMARC_FAIL has already counted this failure (unless it is turned off); Microsoft's
      // confirmation adds a little.
      'reason 000 beside AUTH_DMARC_FAIL': -1,
      'reason 002 (an organisation policy forbids the sender)': 1,
      'reason 010 or 6xx (one of your accepted domains spoofed)': 1,
    },
  },
  // graphsoc's own verification (phishing.verifySignatures); where it reaches a verdict, AUTH_DKIM_FAIL
  // and AUTH_ARC_FAIL of the header stand aside.
  DKIM_SIGNATURE_INVALID: {
    points: 3,
    about:
      "A DKIM signature of the From domain's organisation does not verify in graphsoc's own check (body hash or signature mismatch); AUTH_DKIM_FAIL does not fire then.",
    adjust: {
      // Changed after your gateway accepted it: the report path, or a replaced key, not the sender.
      'passed at receipt': -2,
      'through a mailing list': -2,
    },
  },
  ARC_CHAIN_INVALID: {
    points: 1,
    about: "The ARC chain does not verify in graphsoc's own check; AUTH_ARC_FAIL does not fire then.",
  },
  DOMAIN_LOOKALIKE: {
    points: 4,
    about:
      'A sender, Reply-To or link domain imitates one of phishing.ownDomains (look-alike letters or a small edit).',
  },
  DOMAIN_PUNYCODE_LOOKALIKE: {
    points: 4,
    about: 'A punycode domain that decodes to an imitation of one of phishing.ownDomains.',
  },
  REPLY_TO_MISMATCH: {
    points: 2,
    about: "Replies go to another domain than the sender's (a list's own domain excepted).",
  },
  REPLY_TO_FREE_MAIL: {
    points: 2,
    about:
      "Replies go to a free mail mailbox (gmail.com, outlook.com, …) other than the sender's own address.",
  },
  SENDER_BRAND_MISMATCH: {
    points: 3,
    about: 'The display name claims a brand the sending domain does not carry.',
  },
  SENDER_NAME_ADDRESS_MISMATCH: {
    points: 3,
    about: "The display name is an address of another domain than the sender's (not on list mail).",
  },
  // No mail system delivers to such a domain, so no real organisation sends from it: the From was
  // written by whoever sent the message, not by a mail service (3 since the dev corpus: 183 phish, no
  // legitimate mail).
  SENDER_NO_PUBLIC_SUFFIX: { points: 3, about: "The sender's domain is under no public top-level domain." },
  SENDER_SHARED_TENANT: {
    points: 1,
    about:
      'The sender is a tenant of a service where anyone opens one under any name (zendesk.com, freshdesk.com, onmicrosoft.com).',
  },
  SUBJECT_NAMES_RECIPIENT: {
    points: 2,
    about: "The subject names the recipient by address or the address's local part (list mail excepted).",
  },
  SUBJECT_RANDOM_TOKEN: {
    points: 2,
    about:
      'The subject carries a random token of letters in both cases and digits, as kits add one per copy.',
  },
  LOOKALIKE_LETTERS: {
    points: 2,
    about: 'A word of the display name or subject mixes Latin with look-alike Cyrillic or Greek letters.',
  },
  LINK_TEXT_MISMATCH: {
    points: 3,
    about:
      'A link shows one site and leads to another (a rewritten link judged by its target); once per message.',
  },
  LINK_USERINFO: {
    points: 3,
    about: 'A link puts a host-like name before an @ (https://paypal.com@evil.example/); once per message.',
  },
  LINK_IP_HOST: { points: 2, about: 'A link leads to a bare IP address; once per message.' },
  LINK_SHORTENER: { points: 1, about: 'A link goes through a URL shortener; once per message.' },
  LINK_FREE_HOSTING: {
    points: 1,
    about: 'A link leads to free hosting or cloud storage where anyone can publish; once per message.',
  },
  LINK_RISKY_TLD: {
    points: 1,
    about: 'A link leads under a top-level domain much used for phishing; once per message.',
  },
  ATTACHMENT_MACRO: {
    points: 3,
    about:
      'An attachment holds a macro, or is an Office format that can carry one and could not be read whole.',
  },
  ATTACHMENT_REMOTE_CONTENT: {
    points: 4,
    about: 'An Office attachment loads a template or object from elsewhere when opened.',
  },
  ATTACHMENT_PDF_ACTIVE: { points: 2, about: 'A PDF attachment with JavaScript or a Launch action.' },
  ATTACHMENT_PDF_LOCKED_LINK: { points: 2, about: 'An encrypted PDF attachment holding links.' },
  ARCHIVE_DANGEROUS: {
    points: 4,
    about: 'An archive attachment carries a program, script, disk image or other dangerous type.',
  },
  ARCHIVE_ENCRYPTED: { points: 2, about: 'An archive attachment is password-protected.' },
  ATTACHMENT_TYPE_MISMATCH: {
    points: 1,
    about: 'An attachment is not the type its name or Content-Type claims.',
  },
  ATTACHMENT_DANGEROUS: {
    points: 4,
    about: 'An attachment of a dangerous type by name or type: program, script, disk image, HTML.',
  },
  CONTENT_LURE: {
    points: 2,
    about:
      'The subject or the opening text uses a phishing lure ("verify your account", "conta bloqueada", "recovery phrase", …).',
  },
  MS_SCL_HIGH: { points: 2, about: 'Microsoft rated the message as spam (SCL at or above sclHigh, 5).' },
  MS_SCL_HIGH_CONFIDENCE: {
    points: 3,
    about:
      'Microsoft rated the message as high confidence spam (SCL 7 to 9); MS_SCL_HIGH does not fire then.',
  },
  MS_BCL_HIGH: { points: 1, about: 'Microsoft rated the message as bulk (BCL at or above bclHigh, 7).' },
  MS_PHISH_CATEGORY: {
    points: 3,
    about: 'Microsoft classified the message as phishing (CAT PHSH or HPHSH).',
  },
} as const satisfies Record<string, ReasonCodeInfo>;

export type ReasonCode = keyof typeof REASON_CODES;

/** The cases of a code whose points differ from the configured ones. */
export type AdjustmentOf<C extends ReasonCode> = (typeof REASON_CODES)[C] extends { adjust: infer A }
  ? keyof A & string
  : never;

export const REASON_CODE_NAMES = Object.keys(REASON_CODES) as ReasonCode[];

export const isReasonCode = (code: string): code is ReasonCode => Object.hasOwn(REASON_CODES, code);

/**
 * The points of a reason: the configured weight, else the default, moved by the case's adjustment. 0
 * turns the code off in every case; a case adjusted below 1 still scores 1, so a code that is on never
 * gives a reason that weighs nothing.
 */
export function pointsOf<C extends ReasonCode>(
  configured: Readonly<Record<string, number>>,
  code: C,
  adjustment?: AdjustmentOf<C>,
): number {
  const info: ReasonCodeInfo = REASON_CODES[code];
  const base = configured[code] ?? info.points;
  if (base === 0 || adjustment === undefined) return base;
  return Math.max(1, base + (info.adjust?.[adjustment] ?? 0));
}
