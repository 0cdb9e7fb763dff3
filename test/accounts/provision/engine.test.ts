// The provisioning engine against the Graph emulator over real HTTP: each kind from approval to done,
// a name someone else holds, no seats then seats bought, injected 429 / 5xx / timeouts, replication
// delay, and the records (audit, expires_at) each step leaves.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hasInvisible } from '../../../src/accounts/policy/invisible.js';
import { waitFor } from '../../helpers/wait.js';
import {
  allRequests,
  assertSingleOutcome,
  DOMAIN,
  drive,
  suiteWorlds,
  silentLogger,
  SKU_A,
} from './world.js';

describe('provisioning engine', () => {
  const world = suiteWorlds().open;

  test('an account: name, user, licence, groups, ready mail, expiry date, audit', async () => {
    const w = await world();
    const [r] = await w.file(1, { givenName: 'Jörg', surname: 'Straße' });
    const counts = await w.engine().runOnce(new AbortController().signal);
    assert.deepEqual(counts, { taken: 1, done: 1, failed: 0, postponed: 0, left: 0 });
    const done = await w.requests.load(r!.id);
    assert.equal(done.state, 'done');
    assert.equal(done.upn, `joerg.strasse@${DOMAIN}`);
    const user = w.emu.directoryUser(w.tenant.tenantId, done.userId!);
    assert.equal(user?.usageLocation, 'DE');
    assert.deepEqual(user?.otherMails, ['person0@example.edu']);
    assert.equal(user?.mailNickname, 'joerg.strasse');
    assert.equal(user?.givenName, 'Jörg');
    assert.ok(!('passwordProfile' in (user ?? {})), 'the emulator keeps no password either');
    assert.deepEqual(w.emu.userLicenses(w.tenant.tenantId, done.userId!), [SKU_A]);
    const groups = w.emu.directoryGroups(w.tenant.tenantId);
    for (const g of [w.groups.a, w.groups.b])
      assert.deepEqual(groups.find((x) => x.id === g)?.members, [done.userId]);
    assert.deepEqual(w.notices, [{ id: r!.id, what: 'ready' }]);
    assert.ok(done.expiresAt !== null && done.expiresAt > done.createdAt + 29 * 86_400_000);
    const actions = (await w.audit.forRequest(r!.id)).map((a) => a.action);
    assert.deepEqual(actions, [
      'request.filed',
      'directory.upn-chosen',
      'directory.user-created',
      'directory.licence-assigned',
      'directory.member-added',
      'request.done',
    ]);
    const text = JSON.stringify(await w.audit.forRequest(r!.id));
    assert.ok(!/password/i.test(text), 'no password in the audit log');
    await assertSingleOutcome(w);
  });

  test('a name someone else holds gives name2; our own other requests are skipped too', async () => {
    const w = await world();
    w.emu.seedUsers([
      {
        tenantId: w.tenant.tenantId,
        userPrincipalName: `anna.mueller@${DOMAIN}`,
        displayName: 'Anna Müller (not ours)',
        otherMails: ['someone@else.example'],
      },
    ]);
    w.seeded.add(w.emu.directoryUser(w.tenant.tenantId, `anna.mueller@${DOMAIN}`)!.id);
    const rs = [];
    for (let i = 0; i < 3; i++)
      rs.push(
        ...(await w.file(1, { address: `anna${i}@example.edu`, givenName: 'Anna', surname: 'Müller' })),
      );
    await drive(w, [w.engine()]);
    const upns = (await Promise.all(rs.map((r) => w.requests.load(r.id)))).map((r) => r.upn).sort();
    assert.deepEqual(upns, [`anna.mueller2@${DOMAIN}`, `anna.mueller3@${DOMAIN}`, `anna.mueller4@${DOMAIN}`]);
    await assertSingleOutcome(w);
  });

  test('a name taken after it was chosen sends the user step to the next free name', async () => {
    const w = await world();
    const [r] = await w.file(1, { givenName: 'Ada', surname: 'Lovelace' });
    // The name was chosen (free then); someone outside graphsoc takes it before the user is created.
    await w.requests.record(r!.id, 'upn', { upn: `ada.lovelace@${DOMAIN}` });
    await w.requests.complete(r!.id, 'account', 'upn', {});
    w.emu.seedUsers([
      {
        tenantId: w.tenant.tenantId,
        userPrincipalName: `ada.lovelace@${DOMAIN}`,
        displayName: 'Someone else',
        otherMails: ['other@example.edu'],
      },
    ]);
    w.seeded.add(w.emu.directoryUser(w.tenant.tenantId, `ada.lovelace@${DOMAIN}`)!.id);
    await drive(w, [w.engine()]);
    assert.equal((await w.requests.load(r!.id)).upn, `ada.lovelace2@${DOMAIN}`);
    await assertSingleOutcome(w);
  });

  test('no free seat fails with NO_SEATS; seats bought and a retry finish it', async () => {
    const w = await world({ seats: 1 });
    const rs = await w.file(2);
    await drive(w, [w.engine()]);
    const after1 = await allRequests(w);
    const failed = after1.filter((r) => r.state === 'failed');
    assert.equal(failed.length, 1);
    assert.equal(failed[0]?.reason, 'NO_SEATS');
    assert.equal(failed[0]?.step, 'licences');
    // Refused by our seat check, or by Graph when two requests raced for the last seat.
    assert.match(failed[0]?.error ?? '', /No free seat|does not have any available licenses/);
    w.emu.seedSkus(w.tenant.tenantId, [
      { skuId: SKU_A, skuPartNumber: 'STANDARDWOFFPACK_STUDENT', enabled: 2 },
    ]);
    await w.requests.retry(failed[0]!.id, 'admin');
    // The cached seats are a few seconds old at most; a fresh engine reads them again.
    await drive(w, [w.engine()]);
    for (const r of rs) assert.equal((await w.requests.load(r.id)).state, 'done');
    await assertSingleOutcome(w);
  });

  test('an unknown SKU and a missing permission fail at once with their reasons', async () => {
    const w = await world({ template: { licences: ['NOT_BOUGHT'] } });
    const [r] = await w.file(1);
    await drive(w, [w.engine()]);
    const failed = await w.requests.load(r!.id);
    assert.equal(failed.state, 'failed');
    assert.equal(failed.reason, 'SKU_UNKNOWN');
    assert.equal(failed.attempts, 0, 'not retried');
    const w2 = await world();
    w2.emu.addFault({
      method: 'POST',
      path: '/v1.0/users',
      tenantId: w2.tenant.tenantId,
      status: 403,
      times: 1,
    });
    const [r2] = await w2.file(1);
    await drive(w2, [w2.engine()]);
    assert.equal((await w2.requests.load(r2!.id)).reason, 'PERMISSION');
    await assertSingleOutcome(w2);
  });

  test('a template group that no longer exists fails at once with GROUP_MISSING, not after every retry', async () => {
    const gone = '0d7b3a2c-1111-4c4c-8d8d-222233334444';
    const w = await world({ template: { groups: [gone] } });
    const [r] = await w.file(1);
    await drive(w, [w.engine()]);
    const failed = await w.requests.load(r!.id);
    assert.equal(failed.state, 'failed');
    assert.equal(failed.step, 'groups');
    assert.equal(failed.reason, 'GROUP_MISSING');
    assert.equal(failed.attempts, 0, 'not retried');
    await assertSingleOutcome(w);
  });

  test('429, 5xx and timeouts on every kind of call are postponed and end in one account each', async () => {
    const w = await world();
    const t = w.tenant.tenantId;
    w.emu.addFault({
      method: 'POST',
      path: '/v1.0/users',
      tenantId: t,
      status: 429,
      retryAfterSec: 1,
      times: 3,
    });
    w.emu.addFault({ method: 'POST', path: '/v1.0/users', tenantId: t, status: 503, everyNth: 3, times: 3 });
    w.emu.addFault({ pathRegex: 'assignLicense$', tenantId: t, status: 500, times: 2 });
    w.emu.addFault({ pathRegex: '/members/\\$ref$', tenantId: t, latencyMs: 4000, times: 2 });
    w.emu.addFault({ method: 'GET', path: '/v1.0/users', tenantId: t, status: 504, times: 3 });
    const rs = await w.file(6);
    const engine = w.engine();
    await drive(w, [engine]);
    for (const r of rs) assert.equal((await w.requests.load(r.id)).state, 'done');
    assert.ok(engine.pacer.counts().throttled >= 1, 'the 429s reached the pacer');
    const { orphans, duplicates } = await assertSingleOutcome(w);
    assert.equal(orphans + duplicates, 0);
  });

  test('replication delay: a user not readable yet is postponed, not created twice', async () => {
    const w = await world();
    w.emu.setReplicationDelay(400);
    try {
      const rs = await w.file(3);
      await drive(w, [w.engine()], { pauseMs: 100 });
      for (const r of rs) assert.equal((await w.requests.load(r.id)).state, 'done');
      await assertSingleOutcome(w);
    } finally {
      w.emu.setReplicationDelay(0);
    }
  });

  test('a step that keeps failing fails the request after maxAttempts as RETRIES_EXHAUSTED', async () => {
    const w = await world({ accounts: { provisioning: { maxAttempts: 3 } } });
    w.emu.addFault({ pathRegex: 'assignLicense$', tenantId: w.tenant.tenantId, status: 502 });
    const [r] = await w.file(1);
    await drive(w, [w.engine()]);
    const failed = await w.requests.load(r!.id);
    assert.equal(failed.reason, 'RETRIES_EXHAUSTED');
    assert.equal(failed.step, 'licences');
    w.emu.clearFaults();
    await w.requests.retry(r!.id, 'admin');
    await drive(w, [w.engine()]);
    assert.equal((await w.requests.load(r!.id)).state, 'done');
    await assertSingleOutcome(w);
  });

  test('group-join adds the person’s own account; without one it fails NO_ACCOUNT', async () => {
    const w = await world();
    // Filed together: the join waits for the account being made.
    const [account] = await w.file(1, { address: 'joiner@example.edu' });
    const join = await w.requests.file(
      {
        kind: 'group-join',
        template: 'staff',
        address: 'joiner@example.edu',
        givenName: 'J',
        surname: 'Oiner',
        locale: 'en',
        groupId: w.groups.joinable,
        source: 'portal',
        approved: true,
      },
      'person',
    );
    const stranger = await w.requests.file(
      {
        kind: 'group-join',
        template: 'staff',
        address: 'nobody@example.edu',
        givenName: 'No',
        surname: 'Body',
        locale: 'en',
        groupId: w.groups.joinable,
        source: 'portal',
        approved: true,
      },
      'person',
    );
    await drive(w, [w.engine()]);
    const user = (await w.requests.load(account!.id)).userId;
    assert.equal((await w.requests.load(join.id)).state, 'done');
    const choir = w.emu.directoryGroups(w.tenant.tenantId).find((g) => g.id === w.groups.joinable);
    assert.deepEqual(choir?.members, [user]);
    const s = await w.requests.load(stranger.id);
    assert.equal(s.state, 'failed');
    assert.equal(s.reason, 'NO_ACCOUNT');
  });

  test('hostile names reach Graph as data: markup, RTL override, NUL, emoji, very long', async () => {
    const w = await world();
    const names: Array<[string, string]> = [
      ['<script>alert(1)</script>', 'Müller'],
      ['\u202Eevil', 'Nu\u0000ll'],
      ['Ana 😀', `${'x'.repeat(4000)}`],
    ];
    const rs = [];
    for (const [i, [givenName, surname]] of names.entries())
      rs.push(...(await w.file(1, { address: `hostile${i}@example.edu`, givenName, surname })));
    const emojiOnly = await w.file(1, { address: 'emoji@example.edu', givenName: '😀', surname: '🎉' });
    await drive(w, [w.engine()]);
    for (const r of rs) {
      const done = await w.requests.load(r.id);
      assert.equal(done.state, 'done', `${done.reason} ${done.error}`);
      assert.match(done.upn ?? '', /^[a-z0-9._-]{1,64}@contoso\.onmicrosoft\.com$/);
      const user = w.emu.directoryUser(w.tenant.tenantId, done.userId!);
      assert.ok(String(user?.displayName).length <= 256);
      for (const key of ['displayName', 'givenName', 'surname'])
        assert.ok(!hasInvisible(String(user?.[key] ?? '')), `${key} holds no invisible`);
      assert.ok(String(user?.surname ?? '').length <= 64);
    }
    const refused = await w.requests.load(emojiOnly[0]!.id);
    assert.deepEqual([refused.state, refused.reason], ['failed', 'NAME_UNUSABLE']);
    await assertSingleOutcome(w);
  });

  test('as a work unit it provisions what is filed while it runs and returns when its signal aborts', async () => {
    const w = await world();
    const engine = w.engine({ pollIntervalMs: 50 });
    const stop = new AbortController();
    const running = engine.unit().run({ signal: stop.signal, lease: {} as never, logger: silentLogger() });
    const [r] = await w.file(1);
    const done = await waitFor(
      'the request done',
      async () => (await w.requests.load(r!.id)).state === 'done',
    );
    assert.ok(done);
    stop.abort();
    await running;
    assert.equal(engine.unit().name, 'accounts.provisioning');
  });

  for (const kind of ['m365', 'security'] as const)
    test(`group-create (${kind}): nickname recorded, group made with the person as owner`, async () => {
      const w = await world();
      const [account] = await w.file(1, { address: 'owner@example.edu' });
      await drive(w, [w.engine()]);
      const owner = (await w.requests.load(account!.id)).userId;
      const r = await w.requests.file(
        {
          kind: 'group-create',
          template: 'staff',
          address: 'owner@example.edu',
          givenName: 'O',
          surname: 'Wner',
          locale: 'en',
          groupName: 'Physik – Übung <script>',
          groupKind: kind,
          groupDescription: 'Tutorials',
          source: 'portal',
          approved: true,
        },
        'person',
      );
      await drive(w, [w.engine()]);
      const done = await w.requests.load(r.id);
      assert.equal(done.state, 'done');
      assert.equal(done.groupNickname, 'physik-uebung-script');
      const groups = w.emu
        .directoryGroups(w.tenant.tenantId)
        .filter((g) => g.mailNickname === done.groupNickname);
      assert.equal(groups.length, 1);
      assert.equal(groups[0]?.id, done.groupId);
      assert.deepEqual(groups[0]?.owners, [owner]);
      assert.equal(groups[0]?.securityEnabled, kind === 'security');
      // The same name again is taken now: a refusal, not a second group.
      const again = await w.requests.file(
        {
          kind: 'group-create',
          template: 'staff',
          address: 'owner@example.edu',
          givenName: 'O',
          surname: 'Wner',
          locale: 'en',
          groupName: 'Physik – Übung <script>',
          groupKind: kind,
          source: 'portal',
          approved: true,
        },
        'person',
      );
      await drive(w, [w.engine()]);
      assert.equal((await w.requests.load(again.id)).reason, 'GROUP_NAME_TAKEN');
    });
});
