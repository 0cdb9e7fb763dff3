// How the verdict weighs its reasons: the thresholds of the levels and the points of each reason code.
// One schema for `phishing.verdict` in graphsoc.toml and for the analysis options, so the worker that
// analyses checks what crossed the thread boundary by the same rules the configuration was checked by.
import { z } from 'zod';
import { REASON_CODE_NAMES, isReasonCode } from './reason-codes.js';

export const DEFAULT_THRESHOLDS = { suspicious: 3, malicious: 6 } as const;

const threshold = z.number().int().min(1).max(1000);

const thresholdsSchema = z
  .object({
    /** Score from which a message is suspicious. */
    suspicious: threshold.default(DEFAULT_THRESHOLDS.suspicious),
    /** Score from which a message is malicious; above `suspicious`. */
    malicious: threshold.default(DEFAULT_THRESHOLDS.malicious),
  })
  .strict()
  .prefault({});

/** Reason code → points; 0 turns the code off. Codes not listed keep their default points. */
const pointsSchema = z
  .record(z.string(), z.number().int().min(0).max(100))
  .superRefine((points, ctx) => {
    for (const code of Object.keys(points))
      if (!isReasonCode(code))
        ctx.addIssue({
          code: 'custom',
          path: [code],
          message: `expected one of the reason codes (${REASON_CODE_NAMES.join(', ')}); found "${code.slice(0, 80)}"`,
        });
  })
  .default({});

export const verdictOptionsSchema = z
  .object({ thresholds: thresholdsSchema, points: pointsSchema })
  .strict()
  .superRefine((v, ctx) => {
    if (v.thresholds.malicious <= v.thresholds.suspicious)
      ctx.addIssue({
        code: 'custom',
        path: ['thresholds', 'malicious'],
        message: `expected more than verdict.thresholds.suspicious (${v.thresholds.suspicious}), so a malicious message is also suspicious; found ${v.thresholds.malicious}`,
      });
  })
  .prefault({});

export type VerdictOptions = z.input<typeof verdictOptionsSchema>;
export type ResolvedVerdictOptions = z.output<typeof verdictOptionsSchema>;
export type Thresholds = ResolvedVerdictOptions['thresholds'];
