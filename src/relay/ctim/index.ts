// Sole entry point of the CTIM data model: schemas, vocabularies, builders, mapping helpers, errors.
export * from './builders.js';
export * from './bundle.js';
export * from './common.js';
export { CtimError, type CtimProblem, errors } from './errors.js';
export * from './indicator.js';
export * from './judgement.js';
export * from './mapping.js';
export * from './observable-types.js';
export * from './relations.js';
export * from './relationship.js';
export * from './sighting.js';
export * from './verdict.js';
export * from './vocabulary.js';
