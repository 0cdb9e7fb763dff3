// The expiry unit against the Graph emulator: an account is mailed before its lifetime ends, disabled
// when it ends, deleted after the grace period; each move once, a repeat changes nothing, a user
// deleted by hand is no error, and a crash between the directory change and its mark repeats safely.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createExpiry, type NotifyWhat } from '../../../src/accounts/provision/index.js';
import type { AccountRequest } from '../../../src/accounts/store/requests.js';
import { deleteUser } from '../../../src/connectors/microsoft/graph/index.js';
import { drive, silentLogger, suiteWorlds, type World } from './world.js';

const DAY = 86_400_000;

function expiryOf(w: World, notices: Array<{ id: string; what: NotifyWhat }>, crashAfter?: string) {
  let crashed = false;
  return createExpiry({
    config: w.config,
    requests: w.requests,
    graph: w.graph,
    clock: w.clock,
    logger: silentLogger(),
    notify: async (r: AccountRequest, what) => {
      notices.push({ id: r.id, what });
    },
    afterGraphCall: (call) => {
      if (call === crashAfter && !crashed) {
        crashed = true;
        throw new Error(`crash after ${call}`);
      }
    },
  });
}

describe('account expiry', () => {
  const worlds = suiteWorlds();

  test('notify before, disable at the end of the lifetime, delete after the grace period', async () => {
    const w = await worlds.open({ accounts: { expiry: { notifyDaysBefore: 14, graceDays: 30 } } });
    const [r] = await w.file(1);
    await drive(w, [w.engine()]);
    const made = await w.requests.load(r!.id);
    const notices: Array<{ id: string; what: NotifyWhat }> = [];
    const expiry = expiryOf(w, notices);
    const run = () => expiry.runOnce(new AbortController().signal);
    const t = w.tenant.tenantId;

    assert.deepEqual(await run(), { notified: 0, disabled: 0, deleted: 0, errors: 0 }, 'not yet');
    w.clock.skew = made.expiresAt! - Date.now() - 13 * DAY;
    assert.equal((await run()).notified, 1);
    assert.equal((await run()).notified, 0, 'mailed once');
    assert.ok((await w.requests.load(r!.id)).expiryNotifiedAt !== null);

    w.clock.skew = made.expiresAt! - Date.now() + 1000;
    assert.equal((await run()).disabled, 1);
    assert.equal(w.emu.directoryUser(t, made.userId!)?.accountEnabled, false);
    assert.equal((await run()).disabled, 0, 'disabled once');

    w.clock.skew = made.expiresAt! - Date.now() + 29 * DAY;
    assert.equal((await run()).deleted, 0, 'still in its grace period');
    w.clock.skew = made.expiresAt! - Date.now() + 31 * DAY;
    assert.equal((await run()).deleted, 1);
    assert.equal(w.emu.directoryUser(t, made.userId!), undefined);
    assert.deepEqual(await run(), { notified: 0, disabled: 0, deleted: 0, errors: 0 }, 'nothing left');

    assert.deepEqual(
      notices.map((n) => n.what),
      ['expiring', 'disabled'],
    );
    const actions = (await w.audit.forRequest(r!.id)).map((a) => a.action);
    for (const a of ['expiry.notified', 'directory.user-disabled', 'directory.user-deleted'])
      assert.equal(actions.filter((x) => x === a).length, 1, a);
    const gone = await w.requests.load(r!.id);
    assert.ok(gone.disabledAt !== null && gone.deletedAt !== null);
  });

  test('a crash after disabling repeats the disable; a user deleted by hand is marked deleted', async () => {
    const w = await worlds.open({ accounts: { expiry: { notifyDaysBefore: 0, graceDays: 0 } } });
    const [a, b] = await w.file(2);
    await drive(w, [w.engine()]);
    const ra = await w.requests.load(a!.id);
    const rb = await w.requests.load(b!.id);
    const notices: Array<{ id: string; what: NotifyWhat }> = [];
    w.clock.skew = Math.max(ra.expiresAt!, rb.expiresAt!) - Date.now() + 1000;
    const crashing = expiryOf(w, notices, 'disableUser');
    const first = await crashing.runOnce(new AbortController().signal);
    assert.equal(first.errors, 1, 'one crashed after its PATCH, before its mark');
    assert.equal(first.disabled, 1);
    await deleteUser(w.graph, rb.userId!);
    await deleteUser(w.graph, ra.userId!).catch(() => {});
    const again = await expiryOf(w, notices).runOnce(new AbortController().signal);
    assert.equal(again.errors, 0);
    w.clock.advance(1000);
    const last = await expiryOf(w, notices).runOnce(new AbortController().signal);
    assert.equal(last.deleted + again.deleted, 2, 'a 404 on delete is "already gone"');
    for (const id of [a!.id, b!.id]) assert.ok((await w.requests.load(id)).deletedAt !== null);
  });
});
