// A sink's policy made ready for deciding a million indicators: validated once, its domains in sets
// and its ranges parsed, so each decision is a few lookups.
import { IntelPolicyError } from '../errors.js';
import { type CidrBlock, parseCidr } from '../model/ip.js';
import type { IndicatorType } from '../model/types.js';
import { RESERVED_GROUPS } from './reserved.js';
import { type SinkPolicy, sinkPolicySchema } from './schema.js';
import type { SinkKind } from './sinks.js';

export interface CompiledPolicy {
  readonly sink: SinkKind;
  readonly policy: SinkPolicy;
  readonly types: ReadonlySet<IndicatorType>;
  readonly ownDomains: ReadonlySet<string>;
  readonly allowDomains: ReadonlySet<string>;
  readonly reservedNames: ReadonlySet<string>;
  readonly allowRanges: readonly CidrBlock[];
  readonly reservedRanges: readonly CidrBlock[];
}

const block = (text: string): CidrBlock => parseCidr(text) as CidrBlock;

/** Validates a sink's policy (configuration, or `{}` for the defaults); throws GSOC_INTEL_POLICY_INVALID. */
export function compilePolicy(sink: SinkKind, input: unknown): CompiledPolicy {
  const parsed = sinkPolicySchema(sink).safeParse(input ?? {});
  if (!parsed.success)
    throw new IntelPolicyError(
      sink,
      parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(policy)'}: ${i.message}`),
    );
  const policy = parsed.data;
  const groups = policy.reserved.map((g) => RESERVED_GROUPS[g]);
  return {
    sink,
    policy,
    types: new Set(policy.types),
    ownDomains: new Set(policy.ownDomains),
    allowDomains: new Set(policy.allowDomains),
    reservedNames: new Set(groups.flatMap((g) => g.names)),
    allowRanges: policy.allowCidrs.map(block),
    reservedRanges: groups.flatMap((g) => g.ranges.map(block)),
  };
}
