// Prometheus metrics of the accounts feature. Registered on no registry here: the feature lists them
// and the app registers them on the process registry. Both are read when Prometheus scrapes: the
// requests per state with one grouped query (every instance reports the same database, so take the
// max across instances), the directory writes from this instance's pacer.
import { Counter, Gauge } from 'prom-client';
import { REQUEST_STATES } from '../model/request.js';
import type { WritePacer } from '../provision/index.js';
import type { AccountRequests } from '../store/requests.js';

let source: { requests: AccountRequests; pacer: WritePacer } | undefined;
const reported = { sent: 0, throttled: 0 };

/** What the metrics read, set when the feature starts (one accounts tenant per process). */
export function bindAccountsMetrics(requests: AccountRequests, pacer: WritePacer): void {
  source = { requests, pacer };
}

export const accountsRequests = new Gauge({
  name: 'graphsoc_accounts_requests',
  help: 'Account and group requests by state (pending, approved, done, failed, denied, cancelled).',
  labelNames: ['state'] as const,
  registers: [],
  async collect() {
    if (!source) return;
    const counts = await source.requests.counts();
    for (const state of REQUEST_STATES) this.set({ state }, counts[state]);
  },
});

export const accountsWrites = new Counter({
  name: 'graphsoc_accounts_directory_writes_total',
  help: 'Directory writes this instance sent through the accounts write pacer (`sent`), and the 429s among them (`throttled`).',
  labelNames: ['result'] as const,
  registers: [],
  collect() {
    if (!source) return;
    const now = source.pacer.counts();
    for (const result of ['sent', 'throttled'] as const) {
      const delta = now[result] - reported[result];
      if (delta > 0) this.inc({ result }, delta);
      reported[result] = now[result];
    }
  },
});

export const ACCOUNTS_METRICS = [accountsRequests, accountsWrites];
