// Error catalogue of the CTIM data model and its typed error.
// Building a CTIM object that fails its own schema is graphsoc's bug, never the caller's or Graph's,
// so the error is an InternalError (5xx, logged at error).
import type { z } from 'zod';
import { type ErrorCatalogue, InternalError } from '../../platform/errors.js';

export const errors = {
  INVALID: {
    code: 'GSOC_CTIM_INVALID',
    actor: 'internal',
    summary: 'graphsoc built a CTIM object (sighting, judgement, verdict, …) that is not valid CTIM 1.3.',
    fix: 'Report it as a bug with the log line: it names the entity and each failing field, not its values.',
  },
} as const satisfies ErrorCatalogue;

/** One failing field: its dotted path (`observables.0.type`) and what was wrong. */
export interface CtimProblem {
  path: string;
  message: string;
}

/** How many problems an error keeps; one broken mapping usually repeats across every document. */
const MAX_PROBLEMS = 20;

export class CtimError extends InternalError {
  /** The entity being built: `sighting`, `judgement`, … */
  readonly entity: string;
  readonly problems: CtimProblem[];
  constructor(entity: string, problems: CtimProblem[], cause?: unknown) {
    const kept = problems.slice(0, MAX_PROBLEMS);
    const list = kept.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ');
    super(errors.INVALID.code, `Invalid CTIM ${entity}: ${list}`, {
      cause,
      details: { entity, problems: kept },
    });
    this.entity = entity;
    this.problems = kept;
  }

  /** Turns zod's issues into problems; messages name fields and rules, not the offending values. */
  static fromZod(entity: string, error: z.ZodError): CtimError {
    const problems = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    return new CtimError(entity, problems, error);
  }
}
