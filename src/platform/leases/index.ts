// Leases: which instance owns which unit of background work, with takeover when an owner dies. The
// sole entry point.
export { errors, LeaseOptionsError, UnitReturnedError } from './errors.js';
export { LeaseRunner, type LeaseRunnerOptions, selfFenceAfterMs } from './runner.js';
export { LeaseStore, type LeaseStoreOptions } from './store.js';
export type { Lease, LeaseEvent, WorkContext, WorkUnit } from './types.js';
