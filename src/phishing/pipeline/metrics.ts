// The phishing job's Prometheus metrics: what became of each report worked, and how long reports take
// from arriving in the mailbox to being done, the figure a SOC states its reporting promise in. The
// feature lists them; the app registers them on the process registry.
import { Counter, Histogram } from 'prom-client';

export const reportsWorked = new Counter({
  name: 'graphsoc_phishing_reports_total',
  help: 'Reports worked, by outcome: done; retry (its own failure, or its campaign busy elsewhere); outage (waits for a service, no attempt counted); quarantined.',
  labelNames: ['outcome'] as const,
  registers: [],
});

export const reportSeconds = new Histogram({
  name: 'graphsoc_phishing_report_seconds',
  help: 'From the report mail reaching the report mailbox to the report being done (incident up to date, reporter told, mail moved).',
  buckets: [1, 5, 15, 30, 60, 120, 300, 900, 3600, 4 * 3600, 24 * 3600],
  registers: [],
});
