// The pure pass of `npm run bench:intel`: how many indicators one core turns from a source record into
// what Sentinel receives, with no I/O in the measured part. One transform is: createIndicator on the
// record (validation and normalisation), decide with the Sentinel policy (which hashes the content
// for the fingerprint) and toStixIndicator. Records come from the local copy a page at a time; only
// the transforms are timed, by CPU time and by wall time.
import type { Kysely } from 'kysely';
import { toStixIndicator } from '../src/intel/convert/stix.js';
import { createIndicator } from '../src/intel/model/indicator.js';
import type { CompiledPolicy } from '../src/intel/policy/compile.js';
import { decide } from '../src/intel/policy/decide.js';
import type { Database } from '../src/platform/db/index.js';
import { stagedPages } from './intel-check.js';

export interface TransformFigures {
  transforms: number;
  perCpuSecond: number;
  perWallSecond: number;
}

export async function measureTransforms(
  db: Kysely<Database>,
  policy: CompiledPolicy,
  limit: number,
): Promise<TransformFigures> {
  const nowMs = Date.now();
  let n = 0;
  let cpuUs = 0;
  let wallMs = 0;
  for await (const page of stagedPages(db, 'trustar')) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const staged of page) {
      const made = createIndicator(staged);
      if (!made.ok) continue;
      const d = decide(made.indicator, policy, nowMs);
      if (d.kind === 'send') toStixIndicator(made.indicator, d, { nowMs });
      n++;
    }
    const c = process.cpuUsage(c0);
    cpuUs += c.user + c.system;
    wallMs += performance.now() - t0;
    if (n >= limit) break;
  }
  return {
    transforms: n,
    perCpuSecond: Math.round(n / (cpuUs / 1e6)),
    perWallSecond: Math.round(n / (wallMs / 1000)),
  };
}
