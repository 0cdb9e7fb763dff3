// `graphsoc intel sync` over the emulators, in process: the dry run sends nothing and says what it
// would, a real run and its unchanged re-run, one sink with --sink, --json, the exit codes for
// refused records (1), a usage error (2) and a pair serve is syncing (3).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { stringify } from 'smol-toml';
import { runIntelSync } from '../../../src/cli/intel-sync.js';
import { LeaseStore } from '../../../src/platform/leases/index.js';
import { tempDir } from '../../helpers/tmp.js';
import { startWorld, type World } from './setup.js';

describe('graphsoc intel sync', () => {
  let w: World;
  let configPath: string;
  before(async () => {
    w = await startWorld({ corpusSize: 600, sinks: ['sentinel', 'defender'] });
    configPath = join(tempDir(), 'graphsoc.toml');
    writeFileSync(configPath, stringify(w.raw));
  });
  after(() => w.close());

  const run = async (o: { dryRun?: boolean; sinks?: string[]; json?: boolean } = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runIntelSync({
      configPath,
      env: {},
      dryRun: o.dryRun ?? false,
      sinks: o.sinks ?? [],
      json: o.json ?? false,
      tty: false,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  test('a dry run reads the source, sends nothing, and shows what would be sent by action', async () => {
    const r = await run({ dryRun: true });
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /dry run: nothing is sent/);
    assert.match(r.out, /^would send \(dry run\)/m);
    assert.match(r.out, /trustar → sentinel\s+ok\s+\d{3}/);
    assert.match(r.out, /sends by action alert \d+/);
    assert.equal(w.emulators.entraGraph.sentinelObjects(w.workspaceId).length, 0);
    assert.equal(w.emulators.entraGraph.defenderData(w.tenant.tenantId).indicators.length, 0);
  });

  test('a real run sends, an unchanged one sends nothing; --sink and --json narrow and reshape it', async () => {
    const first = await run();
    assert.equal(first.code, 0, first.err);
    const sent = w.emulators.entraGraph.sentinelObjects(w.workspaceId).length;
    assert.ok(sent > 300, `sentinel holds ${sent}`);
    assert.match(first.out, /^sink\s+outcome\s+new\s+updated/m);
    const again = await run({ sinks: ['defender'], json: true });
    assert.equal(again.code, 0, again.err);
    const result = JSON.parse(again.out) as {
      pairs: Array<{ sink: string; counts: { calls: number; unchanged: number } }>;
    };
    assert.deepEqual(
      result.pairs.map((p) => p.sink),
      ['defender'],
    );
    assert.equal(result.pairs[0]?.counts.calls, 0);
    assert.ok((result.pairs[0]?.counts.unchanged ?? 0) > 300);
  });

  test('exit 2 for an unknown sink, 3 while serve holds the pair, 1 when a sink refuses records', async () => {
    assert.equal((await run({ sinks: ['splunk'] })).code, 2);

    const leases = new LeaseStore(w.db.store);
    const held = await leases.tryAcquire('intel:trustar:sentinel', 'serve-on-another-host', 60_000);
    assert.ok(held);
    const busy = await run({ sinks: ['sentinel'] });
    assert.equal(busy.code, 3);
    assert.match(
      busy.err,
      /GSOC_INTEL_RUN_BUSY: trustar → sentinel is being synced by serve-on-another-host/,
    );
    await leases.release(held);

    w.emulators.entraGraph.setDefenderIndicatorCap(5);
    w.emulators.trustar.updateObservable({
      ref: { index: 3 },
      tags: ['x'],
      lastSeen: Date.now() - 16 * 60_000,
    });
    w.emulators.trustar.addObservables(
      Array.from({ length: 40 }, (_, i) => ({
        type: 'IP4',
        value: `81.2.${i}.7`,
        lastSeen: Date.now() - 16 * 60_000,
      })),
    );
    const refused = await run({ sinks: ['defender'] });
    assert.equal(refused.code, 1, refused.out);
    assert.match(refused.out, /refused trustar\|ipv4\|81\.2\.\d+\.7: DEFENDER_REJECTED/);
  });
});
