// npm run bench:console — one JSON line: each console page's server time (p50, p95, max of the
// Server-Timing header) with 10,000 campaigns and 100,000 reports in a fresh database, against issue
// 14's target of a p95 of at most 50 ms. graphsoc runs as `serve` with phishing, the relay and the
// threat-intel sync on against the emulators; pages are requested one at a time over HTTP.
//   --postgres <url> (or BENCH_DATABASE_URL)  PostgreSQL instead of SQLite: a new schema, dropped after
//   BENCH_CAMPAIGNS (10000), BENCH_REPORTS (100000), BENCH_REQUESTS (200), BENCH_WARMUP (20)
// Exits 0 whether the target is met or not (it is a measurement); 1 when a page failed.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { measureConsole } from './console-measure.js';

const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
const optionsSchema = z.object({
  campaigns: count(10_000),
  reports: count(100_000),
  requests: count(200),
  warmup: z.coerce.number().int().min(0).default(20),
  postgresUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { postgres: { type: 'string' } } });
  const env = process.env;
  const o = optionsSchema.parse({
    campaigns: env.BENCH_CAMPAIGNS,
    reports: env.BENCH_REPORTS,
    requests: env.BENCH_REQUESTS,
    warmup: env.BENCH_WARMUP,
    postgresUrl: values.postgres ?? (env.BENCH_DATABASE_URL || undefined),
  });
  const result = await measureConsole(o);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  // The emulators' and pools' handles may linger a moment; the measurement is out.
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench:console failed: ${e instanceof Error ? (e.stack ?? e.message) : e}\n`);
    process.exit(1);
  },
);
