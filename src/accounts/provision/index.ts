// Provisioning and expiry of the self-service accounts feature: the entry point the feature's start
// wires (the engine's and the expiry's work units, the shared write pacer, the error catalogue).
export type { GraphCallName, NotifyWhat, ProvisionerDeps } from './context.js';
export {
  createProvisioner,
  pacerFor,
  type ProvisionCounts,
  type Provisioner,
} from './engine.js';
export {
  FAILURE_REASONS,
  type FailureReason,
  ProvisionDeferredError,
  ProvisionRefusedError,
  provisionErrors,
} from './errors.js';
export { createExpiry, type Expiry, type ExpiryCounts, type ExpiryDeps } from './expiry.js';
export { type PacerCounts, WritePacer, type WritePacerOptions } from './pacer.js';
