// The process-wide Prometheus registry and the counters every layer shares.
// Feature code adds its own metrics to `registry`; names follow `graphsoc_<area>_<what>_<unit>`.
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'graphsoc_' });

/** Requests served by our own HTTP server. */
export const httpRequests = new Counter({
  name: 'graphsoc_http_requests_total',
  help: 'Requests served by graphsoc, by route and status code.',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});

/** Every attempt sent to an outside system (each retry counts once). */
export const outsideCalls = new Counter({
  name: 'graphsoc_outside_calls_total',
  help: 'HTTP attempts sent to outside systems, by target service, host and outcome (status code or error code).',
  labelNames: ['service', 'host', 'outcome'] as const,
  registers: [registry],
});

export const outsideRetries = new Counter({
  name: 'graphsoc_outside_retries_total',
  help: 'Retries of outside calls, by target service, host and reason.',
  labelNames: ['service', 'host', 'reason'] as const,
  registers: [registry],
});

export const outsideThrottled = new Counter({
  name: 'graphsoc_outside_throttled_total',
  help: 'Throttling answers (429, or 503 with Retry-After) received from outside systems.',
  labelNames: ['service', 'host'] as const,
  registers: [registry],
});

export const outsideCallSeconds = new Histogram({
  name: 'graphsoc_outside_call_duration_seconds',
  help: 'Duration of single attempts to outside systems.',
  labelNames: ['service', 'host'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});
