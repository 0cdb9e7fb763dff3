// Two instances, each owning one report mailbox, get reports of the same phish at the same moment:
// one Archer record is created (not two), and it ends up holding both reports (the slower writer does
// not overwrite the newer content). Runs on both database dialects with one connection per instance.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Emulators, startEmulators } from '../../../emulators/index.js';
import {
  type ArcherClient,
  createArcherClient,
  findRecordIds,
  readRecord,
} from '../../../src/connectors/archer/index.js';
import { createGraphClient, type GraphClient } from '../../../src/connectors/microsoft/graph/index.js';
import { createTokenProvider } from '../../../src/connectors/microsoft/identity/index.js';
import { syncFolder } from '../../../src/phishing/ingest/folder-sync.js';
import { type ProcessDeps, processReport } from '../../../src/phishing/pipeline/process-report.js';
import type { ReportStore } from '../../../src/phishing/store/index.js';
import { phishingSchema } from '../../../src/phishing/index.js';
import { KvState, openDatabase, type Store } from '../../../src/platform/db/index.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../helpers/databases.js';
import { asItemAttachment, credentialPhish, seeded } from '../corpus/index.js';
import { emulatedArcher, type MailTenant, mailTenant, pipelineDeps } from '../emulated-tenant.js';
import { phishingDb } from '../../../src/phishing/store/index.js';

const BOXES = ['phish-eu@contoso-claims.example', 'phish-us@contoso-claims.example'];

for (const dialect of DIALECTS) {
  describe(`two mailboxes, one campaign, two instances (${dialect})`, () => {
    let emulators: Emulators;
    let world: MailTenant;
    let t: TestDatabase;
    let second: Store;
    let graph: GraphClient;
    let archer: ArcherClient;
    const config = phishingSchema.parse({
      mailboxes: BOXES.map((mailbox) => ({ tenant: 't', mailbox })),
      archer: { campaignKeyField: 'Message ID', reportCountField: 'Reports Received' },
    });
    const instance = (store: Store) => pipelineDeps(store, graph, archer, config);

    before(async () => {
      emulators = await startEmulators();
      // Archer answers slowly, so both instances are inside a case write at once.
      emulators.archer.setLatency(40);
      world = mailTenant(emulators, { domain: 'contoso-claims.example', mailbox: BOXES[0] as string });
      emulators.entraGraph.seedMail(world.tenantId, { mailboxes: [{ user: BOXES[1] as string }] });
      graph = createGraphClient(world.tenant, createTokenProvider(world.tenant));
      archer = createArcherClient(emulatedArcher(emulators));
      t = await openTestDatabase(dialect);
      second = await openDatabase(t.url);
    });
    after(async () => {
      await archer.close();
      await graph.close();
      await second.close();
      await t.cleanup();
      await emulators.close();
    });

    test('one record is created and holds both reports', async () => {
      const original = credentialPhish(seeded(3), {
        subject: 'Payroll change',
        messageId: '<claims@evil.example>',
      });
      const instances = [instance(t.store), instance(second)];
      const kv = new KvState(t.store.db);
      BOXES.forEach((box, i) => {
        emulators.entraGraph.deliverMail(world.tenantId, box, {
          mime: asItemAttachment(original, { name: `User ${i}`, address: `user${i}@contoso-claims.example` }),
        });
      });
      for (const box of BOXES)
        await syncFolder(graph, instances[0]?.reports as ReportStore, kv, { mailbox: box, folder: 'inbox' });
      // Each instance works its own mailbox, at the same time, until its report is done.
      await Promise.all(
        BOXES.map(async (box, i) => {
          const d = instances[i] as ProcessDeps;
          const mailbox = config.mailboxes[i] as (typeof config.mailboxes)[number];
          for (let round = 0; round < 50; round++) {
            const [row] = await d.reports.due(1, box);
            if (!row) {
              const left = await phishingDb(d.db)
                .selectFrom('phishing_reports')
                .select('state')
                .where('mailbox', '=', box)
                .execute();
              if (left.every((r) => r.state === 'done')) return;
              await new Promise((r) => setTimeout(r, 100));
              continue;
            }
            await processReport(d, mailbox, row);
          }
          throw new Error(`${box} did not finish`);
        }),
      );
      const rows = await phishingDb(t.store.db)
        .selectFrom('phishing_reports')
        .select(['state', 'campaign_key', 'attempts'])
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.state, r.attempts]),
        [
          ['done', 0],
          ['done', 0],
        ],
      );
      const key = rows[0]?.campaign_key as string;
      assert.equal(rows[1]?.campaign_key, key, 'one campaign');
      const target = instances[0]?.sink.target as ProcessDeps['sink']['target'];
      const ids = await findRecordIds(archer, target, 'Message ID', key);
      assert.equal(ids.length, 1, 'doubled');
      assert.equal(
        Number((await readRecord(archer, target, ids[0] as number))['Reports Received']),
        2,
        'a report lost from the record',
      );
    });
  });
}
