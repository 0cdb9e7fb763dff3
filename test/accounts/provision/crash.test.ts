// A crash right after each Graph call, before its record: the hook stops the engine there (its signal
// aborts, nothing more is written, as when the process dies), and a fresh engine on the same database
// finishes the request. Each case must end in exactly one user (or group), no orphans, no twins,
// with and without replication delay.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GraphCallName } from '../../../src/accounts/provision/index.js';
import { assertSingleOutcome, drive, suiteWorlds, type World } from './world.js';

class Crash extends Error {}

/** An engine that dies right after the `nth` call named `call`. */
function crashingEngine(w: World, call: GraphCallName, nth: number) {
  const stop = new AbortController();
  let seen = 0;
  const engine = w.engine({
    afterGraphCall: (name) => {
      if (name !== call || ++seen !== nth) return;
      stop.abort(new Crash(`crash after ${call} #${nth}`));
      throw new Crash(`crash after ${call} #${nth}`);
    },
  });
  return {
    crashed: () => stop.signal.aborted,
    /** Runs (moving the clock past backoffs, e.g. a licence step waiting for replication) until it crashed. */
    run: async (w: World, pauseMs: number) => {
      for (let i = 0; i < 100 && !stop.signal.aborted; i++) {
        await engine.runOnce(stop.signal);
        w.clock.advance(20 * 60_000);
        await sleep(pauseMs);
      }
    },
  };
}

const ACCOUNT_CALLS: Array<[GraphCallName, number]> = [
  ['createUser', 1],
  ['assignLicense', 1],
  ['addGroupMember', 1],
  ['addGroupMember', 2],
  ['notify', 1],
];

describe('a crash after every Graph call, then a fresh engine', () => {
  const worlds = suiteWorlds();

  for (const delay of [0, 300])
    for (const [call, nth] of ACCOUNT_CALLS)
      test(`account: after ${call} #${nth} (replication delay ${delay} ms)`, async () => {
        const w = await worlds.open();
        w.emu.setReplicationDelay(delay);
        try {
          const [r] = await w.file(1, { givenName: 'Grace', surname: 'Hopper' });
          const dying = crashingEngine(w, call, nth);
          await dying.run(w, delay === 0 ? 10 : 120);
          assert.ok(dying.crashed(), 'the crash happened');
          const mid = await w.requests.load(r!.id);
          assert.equal(mid.state, 'approved', 'nothing recorded the call');
          await drive(w, [w.engine()], { pauseMs: delay === 0 ? 10 : 120 });
          const done = await w.requests.load(r!.id);
          assert.equal(done.state, 'done');
          assert.equal(done.upn, 'grace.hopper@contoso.onmicrosoft.com', 'no second name');
          assert.equal(w.emu.directoryUsers(w.tenant.tenantId).length, 1, 'one user');
          const groups = w.emu.directoryGroups(w.tenant.tenantId);
          for (const g of [w.groups.a, w.groups.b])
            assert.deepEqual(groups.find((x) => x.id === g)?.members, [done.userId]);
          await assertSingleOutcome(w);
        } finally {
          w.emu.setReplicationDelay(0);
        }
      });

  for (const kind of ['m365', 'security'] as const)
    for (const delay of [0, 300])
      test(`group-create (${kind}): after createGroup (replication delay ${delay} ms)`, async () => {
        const w = await worlds.open();
        const [account] = await w.file(1, { address: 'owner@example.edu' });
        await drive(w, [w.engine()]);
        w.emu.setReplicationDelay(delay);
        try {
          const r = await w.requests.file(
            {
              kind: 'group-create',
              template: 'staff',
              address: 'owner@example.edu',
              givenName: 'O',
              surname: 'Wner',
              locale: 'en',
              groupName: 'Robotics Club',
              groupKind: kind,
              source: 'portal',
              approved: true,
            },
            'person',
          );
          const dying = crashingEngine(w, 'createGroup', 1);
          await dying.run(w, 10);
          assert.ok(dying.crashed());
          // groupSettleMs is 200 ms here (30 s by default): it must outlast the replication lag, and
          // real time passes between the rounds so the group becomes readable.
          await drive(w, [w.engine()], { pauseMs: delay === 0 ? 10 : 400 });
          const done = await w.requests.load(r.id);
          assert.equal(done.state, 'done');
          const made = w.emu
            .directoryGroups(w.tenant.tenantId)
            .filter((g) => g.mailNickname === 'robotics-club');
          assert.equal(made.length, 1, 'one group');
          assert.equal(made[0]?.id, done.groupId);
          assert.deepEqual(made[0]?.owners, [(await w.requests.load(account!.id)).userId]);
        } finally {
          w.emu.setReplicationDelay(0);
        }
      });
});
