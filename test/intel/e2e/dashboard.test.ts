// What the dashboard shows of the threat-intel sync after real runs over the emulators: the job's
// state and the panel's rows, one per source read and one per pair, with the run's figures; a sink
// that refused records makes the job degraded and the panel shows an example refusal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intelPanel, intelStatus } from '../../../src/intel/run/status.js';
import { IntelRuns } from '../../../src/intel/store/runs.js';
import { IntelSinkState } from '../../../src/intel/store/sink-state.js';
import { startWorld, syncOnce } from './setup.js';

test('the job state and the panel follow the runs: running, then degraded with a refusal shown', async () => {
  const w = await startWorld({ corpusSize: 400, sinks: ['sentinel', 'defender'] });
  try {
    const deps = {
      runs: new IntelRuns(w.db.store.db),
      state: new IntelSinkState(w.db.store.db),
      pairs: [
        { source: 'trustar', sink: 'sentinel' },
        { source: 'trustar', sink: 'defender' },
      ],
      intervalMinutes: 60,
    };
    const empty = await intelPanel(deps);
    assert.equal(empty.rows.length, 0);
    assert.match(empty.empty, /intel sync --dry-run/);

    const first = await syncOnce(w);
    const sentinelNew = first.pairs.find((p) => p.sink === 'sentinel')?.counts.new ?? 0;
    assert.equal((await intelStatus(deps)).state, 'running');
    const panel = await intelPanel(deps);
    assert.deepEqual(
      panel.rows.map((r) => r.cells[0]),
      ['trustar (read)', 'trustar → defender', 'trustar → sentinel'],
    );
    const sentinel = panel.rows.find((r) => r.key === 'trustar:sentinel')?.cells ?? [];
    assert.match(sentinel[1] ?? '', /; last success 0 min ago$/);
    assert.equal(sentinel[2], 'ok');
    assert.match(sentinel[3] ?? '', new RegExp(`^${sentinelNew} new, 0 updated`));
    assert.equal(sentinel[4], String(sentinelNew), 'live records');

    w.emulators.entraGraph.setDefenderIndicatorCap(5);
    w.emulators.trustar.addObservables(
      Array.from({ length: 20 }, (_, i) => ({
        type: 'IP4',
        value: `81.3.${i}.9`,
        lastSeen: Date.now() - 16 * 60_000,
      })),
    );
    await syncOnce(w, { skipRead: false });
    const status = await intelStatus(deps);
    assert.equal(status.state, 'degraded');
    assert.match(status.detail, /records refused by trustar → defender/);
    const defender = (await intelPanel(deps)).rows.find((r) => r.key === 'trustar:defender')?.cells ?? [];
    assert.equal(defender[2], 'refused');
    assert.match(defender[5] ?? '', /^e\.g\. DEFENDER_REJECTED: /);
  } finally {
    await w.close();
  }
});
