// Tolerant conversions from remote values (Graph severities, confidences, verdict words) to CTIM
// enumerations. They never throw: a value we cannot place becomes `Unknown`, because one odd alert
// must not fail a whole observe answer as it does in the seed (reference/relay.md §2.9 item 4).
import {
  CONFIDENCES,
  type Confidence,
  DISPOSITIONS,
  type DispositionName,
  type DispositionNumber,
  SEVERITIES,
  type Severity,
} from './vocabulary.js';

function lookup<T extends string>(values: readonly T[], aliases: Record<string, T>): Map<string, T> {
  const m = new Map<string, T>(Object.entries(aliases));
  for (const v of values) m.set(v.toLowerCase(), v);
  return m;
}

function key(x: unknown): string | undefined {
  return typeof x === 'string' ? x.trim().toLowerCase() : undefined;
}

// Graph's alertSeverity spells Info as `informational` and has `unknownFutureValue`; MDE says
// `UnSpecified` (reference/relay.md §2.7, §4).
const SEVERITY = lookup<Severity>(SEVERITIES, {
  informational: 'Info',
  information: 'Info',
  unspecified: 'Unknown',
});

/** Any severity word, in any case, as a CTIM severity; anything else is `Unknown`. */
export function toSeverity(x: unknown): Severity {
  const k = key(x);
  return (k !== undefined && SEVERITY.get(k)) || 'Unknown';
}

const CONFIDENCE = lookup<Confidence>(CONFIDENCES, { informational: 'Info', information: 'Info' });

/**
 * A confidence word, in any case, as a CTIM confidence. A number is read as the legacy Graph
 * percentage, banded as the seed does (≤33 Low, ≤66 Medium, ≤100 High). Unlike the seed, a missing
 * value is `Unknown`, not `None`: absent data says nothing about how sure the provider was.
 */
export function toConfidence(x: unknown): Confidence {
  if (typeof x === 'number') {
    if (!Number.isFinite(x) || x < 0 || x > 100) return 'Unknown';
    return x <= 33 ? 'Low' : x <= 66 ? 'Medium' : 'High';
  }
  const k = key(x);
  return (k !== undefined && CONFIDENCE.get(k)) || 'Unknown';
}

export interface Disposition {
  disposition: DispositionNumber;
  disposition_name: DispositionName;
}

const DISPOSITION_BY_NAME = new Map<string, DispositionNumber>(
  Object.entries(DISPOSITIONS).map(([n, name]) => [name.toLowerCase(), Number(n) as DispositionNumber]),
);

function disposition(n: DispositionNumber): Disposition {
  return { disposition: n, disposition_name: DISPOSITIONS[n] };
}

/**
 * A disposition name (any case) or number 1..5 as the matching pair; anything else is 5 Unknown.
 * Graph's evidence verdicts `malicious`, `suspicious` and `unknown` are CTIM names already.
 */
export function toDisposition(x: unknown): Disposition {
  if (typeof x === 'number' && Object.hasOwn(DISPOSITIONS, x)) return disposition(x as DispositionNumber);
  const k = key(x);
  const n = k === undefined ? undefined : DISPOSITION_BY_NAME.get(k);
  return disposition(n ?? 5);
}
