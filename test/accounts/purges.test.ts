// What housekeeping deletes for the accounts feature, through the purges the feature hands the app, on
// SQLite and PostgreSQL: expired status links; finished requests and audit entries and imports past
// their retention keys; and nothing younger, nor a done request whose account still exists (it says
// which address owns the account).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseAccountsConfig } from '../../src/accounts/config.js';
import { accountsPurges } from '../../src/accounts/run/purges.js';
import { AccountsAudit } from '../../src/accounts/store/audit.js';
import { AccountImports } from '../../src/accounts/store/imports.js';
import { AccountRequests } from '../../src/accounts/store/requests.js';
import { StatusLinks } from '../../src/accounts/store/status-links.js';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../helpers/databases.js';

const DAY = 86_400_000;

for (const dialect of DIALECTS)
  describe(`accounts purges (${dialect})`, () => {
    let db: TestDatabase;
    before(async () => {
      db = await openTestDatabase(dialect);
    });
    after(() => db.cleanup());

    test('each table loses what is past its retention and keeps the rest', async () => {
      const now = { ms: Date.UTC(2027, 0, 1) };
      const clock = () => now.ms;
      const config = parseAccountsConfig({ retention: { requestDays: 30, auditDays: 60 } });
      const requests = new AccountRequests(db.store.db, clock);
      const audit = new AccountsAudit(db.store.db, clock);
      const links = new StatusLinks(db.store.db, clock);
      const imports = new AccountImports(db.store.db, clock);
      const base = { template: 't', givenName: 'A', surname: 'B', locale: 'en', source: 'portal' } as const;

      const denied = await requests.file(
        { ...base, kind: 'account', address: 'old@x.edu', approved: false },
        'p',
      );
      await requests.deny(denied.id, 'admin', 'not a student');
      const joined = await requests.file(
        { ...base, kind: 'group-join', address: 'joined@x.edu', groupId: 'g', approved: true },
        'p',
      );
      await requests.complete(joined.id, joined.kind, 'groups', {});
      await requests.complete(joined.id, joined.kind, 'notify', {});
      const kept = await requests.file(
        { ...base, kind: 'account', address: 'kept@x.edu', approved: false },
        'p',
      );
      const shortLink = await links.issue('old@x.edu', DAY);
      const longLink = await links.issue('kept@x.edu', 90 * DAY);
      const importId = await imports.create({
        createdBy: 'admin',
        fileName: 'a.csv',
        template: 't',
        rows: 1,
      });
      await imports.refuse(importId, { row: 1, code: 'GSOC_X', message: 'bad row', address: null });

      now.ms += 45 * DAY;
      const purges = accountsPurges({ config, store: db.store, clock });
      const run = async () =>
        Object.fromEntries(await Promise.all(purges.map(async (p) => [p.name, await p.run()] as const)));

      const first = await run();
      assert.equal(first.accounts_status_links, 1, 'the expired link');
      assert.equal(await links.resolve(shortLink), undefined);
      assert.equal(await links.resolve(longLink), 'kept@x.edu');
      // Past requestDays: the denied request, and the done group request (it owns no account).
      assert.equal(first.accounts_requests, 2);
      assert.equal(await requests.get(denied.id), undefined);
      assert.equal(await requests.get(joined.id), undefined);
      assert.ok(await requests.get(kept.id), 'a pending request is never purged');
      assert.equal(first.accounts_audit, 0, 'audit entries are 45 days old, kept 60');
      assert.equal(first.accounts_imports, 0);

      now.ms += 20 * DAY;
      const second = await run();
      assert.ok((second.accounts_audit ?? 0) >= 5, `the audit entries went (${second.accounts_audit})`);
      assert.deepEqual(await audit.page({ limit: 10 }), []);
      assert.equal(second.accounts_imports, 1);
      assert.equal(await imports.get(importId), undefined);
      assert.deepEqual(await imports.results(importId, { limit: 10 }), [], 'its refused rows with it');
      assert.ok(await requests.get(kept.id));
    });
  });
