// `graphsoc config check --online`: with a valid configuration, tries the outside systems it names,
// with the clients `serve` would build but without starting anything: each tenant's token and Graph
// (the check /readyz runs), then each enabled feature's own checks (Feature.onlineChecks), so the
// next feature's checks join without a line here.
import { CheckTimeoutError } from '../cli/errors.js';
import { forgetCachedApplications } from '../connectors/microsoft/identity/index.js';
import type { AnyFeature } from '../platform/feature/index.js';
import type { DependencyCheck } from '../platform/health/registry.js';
import { type Config, enabledFeatures } from './config.js';
import { appServices } from './services.js';

export interface OnlineFailure {
  code?: string;
  message: string;
}

export interface OnlineResult {
  /** The check's name, as /readyz and the dashboard show it (`tenant:contoso:graph`). */
  name: string;
  /** Empty when the check passed; one entry per problem it found. */
  failures: OnlineFailure[];
}

export interface OnlineOptions {
  /** Longest one check may take; 30 s by default. */
  timeoutMs?: number;
}

function failuresOf(e: unknown): OnlineFailure[] {
  if (e instanceof AggregateError && e.errors.length > 0) return e.errors.flatMap(failuresOf);
  const err = e as { code?: unknown; message?: unknown };
  return [
    {
      ...(typeof err.code === 'string' ? { code: err.code } : {}),
      message: typeof err.message === 'string' ? err.message : String(e),
    },
  ];
}

async function run(check: DependencyCheck, timeoutMs: number): Promise<OnlineResult> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // A check that does not heed its signal still ends the command on time.
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new CheckTimeoutError(check.name, timeoutMs));
    }, timeoutMs);
  });
  try {
    await Promise.race([check.check(abort.signal), late]);
    return { name: check.name, failures: [] };
  } catch (e) {
    return { name: check.name, failures: failuresOf(e) };
  } finally {
    clearTimeout(timer);
  }
}

/** Every check, concurrently; in the order tenants first, then features in registry order. */
export async function runOnlineChecks(config: Config, opts: OnlineOptions = {}): Promise<OnlineResult[]> {
  const services = appServices(config);
  try {
    const checks = new Map<string, DependencyCheck>();
    for (const name of services.microsoft.names) {
      const c = services.microsoft.check(name);
      checks.set(c.name, c);
    }
    for (const feature of enabledFeatures(config) as AnyFeature[]) {
      // Two features naming one check share it, as on /readyz.
      for (const c of feature.onlineChecks?.(config, services) ?? [])
        if (!checks.has(c.name)) checks.set(c.name, c);
    }
    return await Promise.all([...checks.values()].map((c) => run(c, opts.timeoutMs ?? 30_000)));
  } finally {
    await services.close();
    // The token clients are kept per process for serve; a command that is done lets their
    // connections go, so the process ends at once.
    await forgetCachedApplications();
  }
}
