// `graphsoc config check [--online]`: loads and validates the configuration against the platform's part
// and every registered feature's, says exactly what is wrong, and which features the configuration
// turns on. With --online it then tries the outside systems the configuration names.
// Exit status: 0 all well, 1 an online check failed, 2 a configuration problem.
import { type Config, enabledFeatures, loadAppConfig } from '../app/config.js';
import { FEATURES } from '../app/registry.js';
import { ConfigError, type LoadedConfig } from '../platform/config/index.js';
import { secretScrubber } from '../platform/log.js';

export interface CheckResult {
  exitCode: number;
  out: string[];
  err: string[];
}

export interface CheckOptions {
  online?: boolean;
  /** Longest one online check may take (tests). */
  timeoutMs?: number;
}

export async function checkConfig(
  path: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  o: CheckOptions = {},
): Promise<CheckResult> {
  let loaded: LoadedConfig<Config>;
  try {
    loaded = loadAppConfig({ path, env });
  } catch (e) {
    if (e instanceof ConfigError) return { exitCode: 2, out: [], err: [`${e.code}: ${e.message}`] };
    throw e;
  }
  const { config, file, warnings } = loaded;
  const out = [
    `configuration OK: ${file ?? 'no file (defaults and GRAPHSOC_* environment only)'}`,
    `  database: ${config.database.url.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'}`,
    `  tenants: ${config.tenants.length === 0 ? 'none' : config.tenants.map((t) => t.name).join(', ')}`,
    `  features: ${featureList(config)}`,
  ];
  const err = warnings.map((w) => `warning: ${w}`);
  if (!o.online) return { exitCode: 0, out, err };
  const checked = await online(loaded, o);
  return {
    exitCode: checked.exitCode,
    out: [...out, 'online checks:', ...checked.out],
    err: [...err, ...checked.err],
  };
}

/** Runs the online checks; each failure on its own line with its code, secrets scrubbed all the same. */
async function online(loaded: LoadedConfig<Config>, o: CheckOptions): Promise<CheckResult> {
  // Imported when asked for: it loads every connector's client.
  const { runOnlineChecks } = await import('../app/online-checks.js');
  const results = await runOnlineChecks(loaded.config, o.timeoutMs ? { timeoutMs: o.timeoutMs } : {});
  const scrub = secretScrubber(loaded.secrets);
  const out: string[] = [];
  const err: string[] = [];
  if (results.length === 0)
    out.push('  none: no [[tenants]] entry and no enabled feature with outside systems');
  for (const r of results) {
    if (r.failures.length === 0) out.push(`  ok    ${r.name}`);
    for (const f of r.failures)
      err.push(scrub(`  FAIL  ${r.name}: ${f.code ? `${f.code}: ` : ''}${f.message}`));
  }
  const failed = results.filter((r) => r.failures.length > 0).length;
  if (failed > 0) err.push(`${failed} of ${results.length} online checks failed`);
  return { exitCode: failed > 0 ? 1 : 0, out, err };
}

function featureList(config: Config): string {
  const on = new Set<string>(enabledFeatures(config).map((f) => f.name));
  return FEATURES.map((f) => `${f.name} ${on.has(f.name) ? 'on' : 'off'}`).join(', ');
}
