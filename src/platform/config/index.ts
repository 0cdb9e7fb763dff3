// Entry point of the configuration layer.
export { type ConfigIssue, type ConfigPart, type ConfigShape, composeConfig } from './compose.js';
export { ConfigError, type ConfigProblem, errors } from './errors.js';
export { httpsUrl } from './fields.js';
export { type LoadedConfig, type LoadOptions, loadConfig, resolveConfigPath } from './load.js';
export { LOG_LEVELS, type PlatformConfig, platformConfig } from './schema.js';
export {
  DEFAULT_AUTHORITY_HOST,
  DEFAULT_DEFENDER_BASE_URL,
  DEFAULT_GRAPH_BASE_URL,
  DEFAULT_MANAGEMENT_BASE_URL,
  type TenantConfig,
  tenantSchema,
} from './tenant.js';
export { type RawConfig, renderPath } from './env-overrides.js';
export { type ConsoleConfig, consoleSchema, DEFAULT_APP_ROLES } from './console.js';
