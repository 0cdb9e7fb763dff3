// What `graphsoc config check --online` tries for the threat-intel sync: each source (TruSTAR's
// enclaves readable with the credentials; each TAXII collection readable) and each enabled sink
// (a token, the permission and the address: Sentinel answers an empty upload, Defender and Graph a
// one-item list), through the same clients a run uses.
import type { DependencyCheck } from '../../platform/health/registry.js';
import { enabledSinks, type IntelAppConfig } from '../config.js';
import { buildIntel } from './build.js';
import type { IntelServices } from './start.js';

export function intelOnlineChecks(config: IntelAppConfig, services: IntelServices): DependencyCheck[] {
  const input = {
    intel: config.intel,
    trustar: config.trustar,
    taxii: config.taxii,
    microsoft: services.microsoft,
  };
  const sinks = enabledSinks(config.intel);
  const sources = config.intel.sources.map((source) => ({
    name: `intel:source:${source}`,
    async check() {
      // A source is built beside one sink: buildIntel wants both, and builds without calling either.
      const built = buildIntel(input, sinks.slice(0, 1), [source]);
      try {
        for (const s of built.sources) await s.ping();
      } finally {
        await built.close();
      }
    },
  }));
  const sinkChecks = sinks.map((sink) => ({
    name: `intel:sink:${sink}`,
    async check(signal: AbortSignal) {
      const built = buildIntel(input, [sink]);
      try {
        for (const s of built.sinks) await s.sink.ping(signal);
      } finally {
        await built.close();
      }
    },
  }));
  return [...sources, ...sinkChecks];
}
