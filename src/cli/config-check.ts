// `graphsoc config check`: loads and validates the configuration against the platform's part and every
// registered feature's, says exactly what is wrong, and which features the configuration turns on.
import { type Config, enabledFeatures, loadAppConfig } from '../app/config.js';
import { FEATURES } from '../app/registry.js';
import { ConfigError } from '../platform/config/index.js';

export interface CheckResult {
  exitCode: number;
  out: string[];
  err: string[];
}

export function checkConfig(path: string | undefined, env: NodeJS.ProcessEnv = process.env): CheckResult {
  try {
    const { config, file, warnings } = loadAppConfig({ path, env });
    const out = [
      `configuration OK: ${file ?? 'no file (defaults and GRAPHSOC_* environment only)'}`,
      `  database: ${config.database.url.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'}`,
      `  tenants: ${config.tenants.length === 0 ? 'none' : config.tenants.map((t) => t.name).join(', ')}`,
      `  features: ${featureList(config)}`,
    ];
    return { exitCode: 0, out, err: warnings.map((w) => `warning: ${w}`) };
  } catch (e) {
    if (e instanceof ConfigError) {
      const err = [`${e.code}: ${e.message}`];
      return { exitCode: 2, out: [], err };
    }
    throw e;
  }
}

function featureList(config: Config): string {
  const on = new Set<string>(enabledFeatures(config).map((f) => f.name));
  return FEATURES.map((f) => `${f.name} ${on.has(f.name) ? 'on' : 'off'}`).join(', ');
}
