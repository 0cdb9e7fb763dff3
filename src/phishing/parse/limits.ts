// Bounds on what one report may cost to parse, with their defaults. Past any of them the report is
// `unparseable` with a reason code: a hostile or broken mail must not exhaust memory or time.
import { z } from 'zod';

export const DEFAULT_LIMITS = {
  /** Bytes parsed in total: the report plus every embedded message opened on the way down. */
  maxTotalBytes: 32 * 1024 * 1024,
  /** Embedded messages opened below the report (report → attached mail → its attached mail …). */
  maxDepth: 8,
  /**
   * MIME parts (counted by their Content-Type lines) plus .msg attachments, summed over every message
   * opened; a nested message's parts count again at each level above it, which errs on the safe side.
   */
  maxParts: 2000,
  /** Header lines of any one message. */
  maxHeaders: 3000,
  /** Header bytes of any one MIME message, all parts together (postal-mime's own guard). */
  maxHeaderBytes: 2 * 1024 * 1024,
  /** multipart-in-multipart nesting inside one MIME message (postal-mime's own guard). */
  maxMimeNesting: 64,
} as const;

export const parseOptionsSchema = z
  .object({
    maxTotalBytes: z
      .number()
      .int()
      .positive()
      .max(512 * 1024 * 1024)
      .default(DEFAULT_LIMITS.maxTotalBytes),
    maxDepth: z.number().int().min(0).max(64).default(DEFAULT_LIMITS.maxDepth),
    maxParts: z.number().int().positive().max(100_000).default(DEFAULT_LIMITS.maxParts),
    maxHeaders: z.number().int().positive().max(100_000).default(DEFAULT_LIMITS.maxHeaders),
    maxHeaderBytes: z
      .number()
      .int()
      .positive()
      .max(64 * 1024 * 1024)
      .default(DEFAULT_LIMITS.maxHeaderBytes),
    maxMimeNesting: z.number().int().positive().max(256).default(DEFAULT_LIMITS.maxMimeNesting),
    /** `innermost` follows attached messages to the bottom (a forward of a forward of the phish). */
    pick: z.enum(['innermost', 'outermost']).default('innermost'),
    /**
     * Not a bound: domains whose people may forward a phish inline before it is reported (the
     * organisation's own). A report mail's sender's domain always counts.
     */
    forwarderDomains: z
      .array(
        z
          .string()
          .min(1)
          .max(253)
          .transform((d) => d.toLowerCase()),
      )
      .max(1000)
      .default([]),
    /**
     * Not a bound: the top message is a report mail and its sender the reporter, so a plain forward in
     * it is followed whoever sent it. False for a message file in hand, which may be the phish itself.
     */
    reportMail: z.boolean().default(true),
  })
  .strict();

export type ParseOptions = z.input<typeof parseOptionsSchema>;
export type ResolvedParseOptions = z.output<typeof parseOptionsSchema>;

/** Thrown inside the parser when a bound is crossed; the public function turns it into `Unparseable`. */
export class LimitExceeded extends Error {
  constructor(
    readonly reason: 'too-large' | 'too-deep' | 'too-many-parts' | 'too-many-headers',
    detail: string,
  ) {
    super(detail);
  }
}

/** What has been spent so far on one report, shared by every level of the walk. */
export class Budget {
  bytes = 0;
  parts = 0;
  constructor(readonly limits: ResolvedParseOptions) {}

  spendBytes(n: number): void {
    this.bytes += n;
    if (this.bytes > this.limits.maxTotalBytes)
      throw new LimitExceeded('too-large', `more than ${this.limits.maxTotalBytes} bytes to parse`);
  }

  spendParts(n: number): void {
    this.parts += n;
    if (this.parts > this.limits.maxParts)
      throw new LimitExceeded('too-many-parts', `more than ${this.limits.maxParts} parts`);
  }

  checkHeaders(n: number): void {
    if (n > this.limits.maxHeaders)
      throw new LimitExceeded(
        'too-many-headers',
        `a message has more than ${this.limits.maxHeaders} headers`,
      );
  }
}
