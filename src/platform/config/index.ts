// Entry point of the configuration layer.
export { ConfigError, type ConfigProblem, errors } from './errors.js';
export { type LoadedConfig, type LoadOptions, loadConfig, resolveConfigPath } from './load.js';
export { type Config, configSchema, LOG_LEVELS } from './schema.js';
export { type ArcherConfig, archerSchema, type PhishingConfig, phishingSchema } from './phishing.js';
export { type RelayConfig, relaySchema } from './relay.js';
export { type TenantConfig, tenantSchema } from './tenant.js';
