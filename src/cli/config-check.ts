// `graphsoc config check`: loads and validates the configuration and says exactly what is wrong.
import { ConfigError, loadConfig } from '../platform/config/index.js';

export interface CheckResult {
  exitCode: number;
  out: string[];
  err: string[];
}

export function checkConfig(path: string | undefined, env: NodeJS.ProcessEnv = process.env): CheckResult {
  try {
    const { config, file, warnings } = loadConfig({ path, env });
    const out = [
      `configuration OK: ${file ?? 'no file (defaults and GRAPHSOC_* environment only)'}`,
      `  database: ${config.database.url.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'}`,
      `  tenants: ${config.tenants.length === 0 ? 'none' : config.tenants.map((t) => t.name).join(', ')}`,
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
