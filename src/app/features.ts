// Starts the features the configuration enables and collects what they bring: work units, dependency
// checks, routes, dashboard status and panels. A feature that fails to start stops the start; those
// started before it are closed by the caller's cleanups.
import type { FastifyInstance } from 'fastify';
import type { Metric } from 'prom-client';
import type { AnyFeature, FeatureContext, RunningFeature } from '../platform/feature/index.js';
import type { DependencyCheck } from '../platform/health/registry.js';
import type { WorkUnit } from '../platform/leases/index.js';
import { registry } from '../platform/metrics.js';
import type { MountedSection } from '../console/sections.js';
import type { Cleanups } from './cleanups.js';
import type { Purge } from './housekeeping.js';
import { type Config, enabledFeatures } from './config.js';
import type { AppServices } from './services.js';

export interface StartedFeature {
  feature: AnyFeature;
  running: RunningFeature;
}

export interface StartedFeatures {
  started: StartedFeature[];
  units: WorkUnit[];
  checks: DependencyCheck[];
  routes: Array<(app: FastifyInstance) => Promise<void>>;
  purges: Purge[];
  /** The console sections of the started features, in registry order. */
  sections: MountedSection[];
}

export async function startFeatures(
  ctx: FeatureContext<Config, AppServices>,
  cleanups: Cleanups,
): Promise<StartedFeatures> {
  const started: StartedFeature[] = [];
  for (const feature of enabledFeatures(ctx.config)) {
    registerMetrics(feature.metrics ?? []);
    const running = await (feature as AnyFeature).start(ctx);
    cleanups.add(() => running.close());
    started.push({ feature, running });
  }
  // Two features using one dependency (the same tenant, the same Archer) show it once.
  const checks = new Map<string, DependencyCheck>();
  for (const { running } of started) for (const c of running.checks ?? []) checks.set(c.name, c);
  return {
    started,
    units: started.flatMap((s) => [...(s.running.units ?? [])]),
    checks: [...checks.values()],
    routes: started.flatMap((s) => (s.running.routes ? [s.running.routes] : [])),
    purges: started.flatMap((s) => [...(s.running.purges ?? [])]),
    sections: started.flatMap((s) =>
      s.running.console ? [{ feature: s.feature.name, section: s.running.console }] : [],
    ),
  };
}

/** On the process registry, once: several instances may run in one process (tests, benchmarks). */
function registerMetrics(metrics: readonly Metric[]): void {
  for (const m of metrics) {
    const name = (m as unknown as { name: string }).name;
    if (!registry.getSingleMetric(name)) registry.registerMetric(m);
  }
}
