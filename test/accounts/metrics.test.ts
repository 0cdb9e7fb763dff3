// The accounts metrics as Prometheus scrapes them: requests per state from the database (every state
// present, zero included), and the pacer's writes and 429s counted once each however often scraped.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Metric, Registry } from 'prom-client';
import { parseAccountsConfig } from '../../src/accounts/config.js';
import { pacerFor } from '../../src/accounts/provision/index.js';
import { ACCOUNTS_METRICS, bindAccountsMetrics } from '../../src/accounts/run/metrics.js';
import { AccountRequests } from '../../src/accounts/store/requests.js';
import { openTestDatabase, type TestDatabase } from '../helpers/databases.js';

let db: TestDatabase;
before(async () => {
  db = await openTestDatabase('sqlite');
});
after(() => db.cleanup());

const line = (text: string, name: string) =>
  text.split('\n').find((l) => l.startsWith(name)) ?? `${name} (missing)`;

test('requests per state and directory writes, read at scrape time', async () => {
  const requests = new AccountRequests(db.store.db);
  const base = {
    kind: 'account',
    template: 'students',
    givenName: 'A',
    surname: 'B',
    locale: 'en',
    source: 'portal',
  } as const;
  await requests.file({ ...base, address: 'a@x.edu', approved: false }, 'person');
  await requests.file({ ...base, address: 'b@x.edu', approved: false }, 'person');
  await requests.file({ ...base, address: 'c@x.edu', approved: true }, 'person');
  const pacer = pacerFor({ config: parseAccountsConfig({}) });
  bindAccountsMetrics(requests, pacer);
  const registry = new Registry();
  for (const m of ACCOUNTS_METRICS as readonly Metric[]) registry.registerMetric(m);

  const first = await registry.metrics();
  assert.equal(
    line(first, 'graphsoc_accounts_requests{state="pending"}'),
    'graphsoc_accounts_requests{state="pending"} 2',
  );
  assert.equal(
    line(first, 'graphsoc_accounts_requests{state="approved"}'),
    'graphsoc_accounts_requests{state="approved"} 1',
  );
  assert.equal(
    line(first, 'graphsoc_accounts_requests{state="failed"}'),
    'graphsoc_accounts_requests{state="failed"} 0',
  );

  await pacer.write(async () => 'ok');
  await pacer.write(async () => 'ok');
  await registry.metrics();
  const again = await registry.metrics();
  assert.equal(
    line(again, 'graphsoc_accounts_directory_writes_total{result="sent"}'),
    'graphsoc_accounts_directory_writes_total{result="sent"} 2',
    'counted once however often scraped',
  );
});
