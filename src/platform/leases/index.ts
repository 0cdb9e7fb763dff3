// Leases: which instance owns which unit of background work, with takeover when an owner dies.
export { LeaseRunner, type LeaseRunnerOptions } from './runner.js';
export { LeaseStore, type LeaseStoreOptions } from './store.js';
export type { Lease, LeaseEvent, WorkContext, WorkUnit } from './types.js';
