// The Threat Response relay: the sole entry point for the app, the Lambda handler and benchmarks.
export { buildRelayApp } from './app.js';
export { type RelayAppConfig, type RelayConfig, relayConfig, relaySchema } from './config.js';
export { relay } from './feature.js';
export { type RelayOptions, type RunningRelay, startRelay } from './start.js';
