// The accounts section mounted on the real admin listener over a test database (SQLite or
// PostgreSQL), with two templates, and helpers to file requests and post forms as a browser does.
import type { Response as LightMyRequestResponse } from 'light-my-request';
import type { Dialect } from '../../../src/platform/db/index.js';
import { accountsConsole } from '../../../src/accounts/console/index.js';
import { parseAccountsConfig } from '../../../src/accounts/config.js';
import { AccountsAudit } from '../../../src/accounts/store/audit.js';
import { AccountImports } from '../../../src/accounts/store/imports.js';
import { RequestStats } from '../../../src/accounts/store/request-stats.js';
import { AccountRequests, type NewRequest } from '../../../src/accounts/store/requests.js';
import { type AdminConsole, adminConsole, ORIGIN } from '../../helpers/admin-console.js';
import { openTestDatabase } from '../../helpers/databases.js';
import { multipart } from '../../console/multipart-body.js';

export const config = parseAccountsConfig({
  upnDomains: ['example.edu'],
  templates: [
    {
      name: 'students',
      title: 'Students',
      domains: ['stud.example.edu'],
      upnDomain: 'example.edu',
      usageLocation: 'DE',
    },
    {
      name: 'staff',
      domains: ['example.edu'],
      upnDomain: 'example.edu',
      usageLocation: 'DE',
      accountLifetimeDays: 30,
    },
  ],
});

export interface AccountsHarness {
  c: AdminConsole;
  requests: AccountRequests;
  audit: AccountsAudit;
  imports: AccountImports;
  file(n: Partial<NewRequest> & { address: string }): ReturnType<AccountRequests['file']>;
  get(url: string, cookie: string): Promise<LightMyRequestResponse>;
  post(url: string, cookie: string, form: Record<string, string>): Promise<LightMyRequestResponse>;
  upload(
    url: string,
    cookie: string,
    fields: Record<string, string>,
    file: { name: string; data: string | Buffer },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function accountsHarness(dialect: Dialect): Promise<AccountsHarness> {
  const db = await openTestDatabase(dialect);
  const requests = new AccountRequests(db.store.db);
  const audit = new AccountsAudit(db.store.db);
  const imports = new AccountImports(db.store.db);
  const stats = new RequestStats(db.store.db);
  const section = accountsConsole({ requests, audit, imports, config, stats });
  const c = await adminConsole({ db, sections: [{ feature: 'accounts', section }] });
  return {
    c,
    requests,
    audit,
    imports,
    file: (n) =>
      requests.file(
        {
          kind: 'account',
          template: 'students',
          givenName: 'Anna',
          surname: 'Müller',
          locale: 'en',
          source: 'portal',
          approved: false,
          ...n,
        },
        'person',
      ),
    get: (url, cookie) => c.app.inject({ url, headers: { cookie } }),
    post: (url, cookie, form) =>
      c.app.inject({
        method: 'POST',
        url,
        headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      }),
    upload(url, cookie, fields, file) {
      const { body, contentType } = multipart([
        ...Object.entries(fields).map(([name, value]) => ({ name, value })),
        { name: 'file', value: file.data, filename: file.name, contentType: 'text/csv' },
      ]);
      return c.app.inject({
        method: 'POST',
        url,
        headers: { cookie, origin: ORIGIN, 'content-type': contentType },
        payload: body,
      });
    },
    async close() {
      await c.close();
      await db.cleanup();
    },
  };
}
