// The threat-intel job's public API: the canonical indicator and its normalisation, the per-sink
// policy and its decision, and the converters to the three Microsoft shapes. All of it pure.
export { intel } from './feature.js';
export { errors, IntelPolicyError, SinkTypeError } from './errors.js';

export {
  INDICATOR_TYPES,
  type IndicatorType,
  isIndicatorType,
  normaliseTlp,
  SOURCES,
  type Source,
  TLP_LEVELS,
  type Tlp,
} from './model/types.js';
export {
  clip,
  type CreateResult,
  createIndicator,
  type Indicator,
  type IndicatorInput,
  indicatorInputSchema,
  indicatorSchema,
} from './model/indicator.js';
export { contentHash, stableKey } from './model/key.js';
export { normaliseValue } from './model/normalise.js';
export { refang } from './model/normalise-refang.js';
export { MAX_LENGTH, type Normalised, type NormaliseResult } from './model/normalised.js';
export { REJECTION_REASONS, type Rejection, type RejectionReason } from './model/rejection.js';
export { claimFromTrustar, scoreFromTrustarPriority, TRUSTAR_TYPES } from './model/source-types.js';

export { type CompiledPolicy, compilePolicy } from './policy/compile.js';
export {
  type Decision,
  decide,
  type ExpireReason,
  type Send,
  SEVERITIES,
  type Severity,
  type SkipReason,
} from './policy/decide.js';
export { RESERVED_GROUP_NAMES, RESERVED_GROUPS, type ReservedGroup } from './policy/reserved.js';
export {
  ACTIONS,
  type Action,
  DEFAULT_ACTIONS,
  DEFAULT_TTL_DAYS,
  type SinkPolicy,
  type SinkPolicyInput,
  sinkPolicySchema,
} from './policy/schema.js';
export { DEFAULT_SINK_TYPES, SINK_KINDS, SINK_TYPES, type SinkKind } from './policy/sinks.js';

export {
  DEFENDER_LIMITS,
  DEFENDER_TYPES,
  type DefenderImportItem,
  type DefenderOptions,
  toDefenderIndicator,
} from './convert/defender.js';
export {
  GRAPH_DESCRIPTION_MAX,
  GRAPH_TARGET_TYPES,
  GRAPH_TARGETS,
  type GraphOptions,
  type GraphTarget,
  type GraphTiIndicator,
  graphExternalId,
  threatTypeOf,
  toGraphTiIndicator,
} from './convert/graph-ti.js';
export {
  type StixIndicator,
  type StixOptions,
  type StixOutcome,
  stixId,
  toStixIndicator,
} from './convert/stix.js';
export { stixPattern } from './convert/stix-pattern.js';
export { TLP_MARKINGS } from './convert/tlp-markings.js';
export { INDICATOR_NAMESPACE, uuidV5 } from './convert/uuid-v5.js';
