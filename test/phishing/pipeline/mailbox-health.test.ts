// The dashboard's view of each mailbox's rounds: a problem keeps the time it began while it lasts
// (even when its wording changes), recovery clears it, and an unchanged state writes nothing; an
// outage stays until the service works again.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  MailboxHealthBoard,
  recordRound,
  WaitingReports,
} from '../../../src/phishing/pipeline/mailbox-health.js';
import type { ReportRow } from '../../../src/phishing/store/index.js';
import { KvState, openDatabase, type Store } from '../../../src/platform/db/index.js';
import { tempDir } from '../../helpers/tmp.js';
import { migrateStore } from '../../../src/app/migrations.js';

const F = { mailbox: 'phish@contoso.com', folder: 'inbox' };
let store: Store;
let kv: KvState;
let now = 1_000;
let writes = 0;

before(async () => {
  store = await openDatabase(`sqlite:${tempDir()}/graphsoc.db`);
  await migrateStore(store);
  kv = new KvState(store.db);
  const set = kv.set.bind(kv);
  kv.set = async (k, v) => {
    writes++;
    return set(k, v);
  };
});
after(() => store.close());

test('a problem keeps its start while it lasts; recovery clears it; nothing changed, nothing written', async () => {
  const board = new MailboxHealthBoard(kv, () => now);
  assert.equal(await board.read(F), undefined);
  await board.record(F, undefined);
  assert.deepEqual(await board.read(F), { since: 1_000 });
  now = 2_000;
  await board.record(F, undefined);
  assert.equal(writes, 1, 'still well: no write');
  await board.record(F, 'reports wait for a service: 503');
  now = 3_000;
  await board.record(F, 'reports wait for a service: 502');
  assert.deepEqual(await board.read(F), { problem: 'reports wait for a service: 502', since: 2_000 });
  await board.record(F, 'reports wait for a service: 502');
  assert.equal(writes, 3);
  now = 4_000;
  await board.record(F, undefined);
  assert.deepEqual(await board.read(F), { since: 4_000 });
});

test('another instance reads what the owner wrote; a long problem is cut; garbage reads as nothing', async () => {
  const owner = new MailboxHealthBoard(kv, () => now);
  const other = new MailboxHealthBoard(kv, () => now);
  await owner.record(F, `the mailbox round fails: ${'x'.repeat(1000)}`);
  const seen = await other.read(F);
  assert.equal(seen?.problem?.length, 300);
  await kv.set('phishing:health:phish@contoso.com|inbox', '{not json');
  assert.equal(await other.read(F), undefined);
  await kv.set('phishing:health:phish@contoso.com|inbox', '{"problem":"x"}');
  assert.equal(await other.read(F), undefined);
});

test('an outage stays while reports wait for it, or until the service answers once none does', async () => {
  const G = { mailbox: 'phish@contoso.com', folder: 'outage' };
  const board = new MailboxHealthBoard(kv, () => now);
  const waiting = new WaitingReports();
  let answers = false;
  const round = (complete = true) => recordRound(board, G, { waiting, complete, works: async () => answers });
  const row = (over: Partial<ReportRow>): ReportRow =>
    ({
      id: 7,
      state: 'pending',
      step: 'analysed',
      failing_since: 1,
      last_error: 'archer answered 503',
      ...over,
    }) as ReportRow;
  now = 10_000;
  // Report 7 met Archer's outage; rounds without it (nothing due) keep the problem and its start.
  waiting.update(row({ failing_since: null }), row({}));
  await round();
  now = 11_000;
  await round();
  assert.deepEqual(await board.read(G), {
    problem: 'reports wait for Archer: archer answered 503',
    service: 'Archer',
    since: 10_000,
  });
  // Quarantined after maxOutageHours, still by the outage: nothing waits, Archer does not answer.
  waiting.update(row({}), row({ state: 'quarantined' }));
  await round();
  assert.equal((await board.read(G))?.since, 10_000);
  // A new owner knows of no waiting report before they were all due once: Archer answering is not enough.
  answers = true;
  await round(false);
  assert.equal((await board.read(G))?.service, 'Archer');
  await round(true);
  assert.deepEqual(await board.read(G), { since: 11_000 });
  // A waiting report that gets past Archer clears it at once, whatever the check says.
  answers = false;
  now = 12_000;
  waiting.update(row({ failing_since: null }), row({}));
  await round();
  assert.equal((await board.read(G))?.since, 12_000);
  now = 13_000;
  waiting.update(row({}), row({ step: 'cased', failing_since: null }));
  await round(false);
  assert.deepEqual(await board.read(G), { since: 13_000 });
});
