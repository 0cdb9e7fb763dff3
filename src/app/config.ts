// The whole graphsoc.toml: the platform's part joined with every registered feature's. `serve`,
// `sandbox`, `config check`, the CLI tools and docs/configuration.md's test all read this one shape.
import {
  composeConfig,
  type LoadedConfig,
  type LoadOptions,
  loadConfig,
  type PlatformConfig,
  platformConfig,
} from '../platform/config/index.js';
import type { ConfigOf } from '../platform/feature/index.js';
import { configFiles } from './config-files.js';
import { FEATURES } from './registry.js';

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;

/** The validated configuration: the platform's sections and every feature's. */
export type Config = PlatformConfig & UnionToIntersection<ConfigOf<(typeof FEATURES)[number]>>;

/** Every part's sections and checks; the files the configuration names are read after the other checks. */
export const CONFIG = composeConfig<Config>([platformConfig, ...FEATURES.map((f) => f.config), configFiles]);

export type AppLoadOptions = Omit<LoadOptions<Config>, 'shape'>;

/** Loads graphsoc.toml and GRAPHSOC_* variables against the whole schema. */
export function loadAppConfig(opts: AppLoadOptions = {}): LoadedConfig<Config> {
  return loadConfig({ ...opts, shape: CONFIG });
}

/** The features the configuration turns on, in registry order. */
export function enabledFeatures(config: Config) {
  return FEATURES.filter((f) => (f.config.enabled as (c: Config) => boolean)(config));
}
