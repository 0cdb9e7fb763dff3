// The accounts section over the real admin listener and a real database, on SQLite and PostgreSQL:
// the requests list with its states, search and pages; approve, deny and retry changing the request
// and leaving both audit trails; a viewer with no buttons and a forged post refused; a bulk import
// of good, duplicate, ineligible and malformed rows; the CSV export, injection-safe.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { parseCsv } from '../../../src/accounts/csv/parse.js';
import { AuditLog } from '../../../src/platform/web-session/index.js';
import { DIALECTS } from '../../helpers/databases.js';
import { type AccountsHarness, accountsHarness } from './harness.js';

const open: AccountsHarness[] = [];
after(async () => {
  for (const h of open) await h.close();
});

async function harness(dialect: (typeof DIALECTS)[number]) {
  const h = await accountsHarness(dialect);
  open.push(h);
  return h;
}

const flashOf = async (h: AccountsHarness, cookie: string, location: string) =>
  /data-flash><bdi>([^<]*)<\/bdi>/.exec((await h.get(location, cookie)).body)?.[1];

for (const dialect of DIALECTS) {
  describe(`accounts console on ${dialect}`, () => {
    test('lists requests per state with counts, searches by prefix and pages by keyset', async () => {
      const h = await harness(dialect);
      const admin = await h.c.signIn(['admin']);
      for (let i = 0; i < 55; i++)
        await h.file({ address: `p${String(i).padStart(2, '0')}@stud.example.edu`, surname: `Surname${i}` });
      await h.file({
        address: 'evil@stud.example.edu',
        givenName: '<script>alert(1)</script>',
        surname: 'Zed\u202Eevil',
        approved: true,
        decidedBy: 'policy',
      });
      const first = await h.get('/accounts', admin.cookie);
      assert.equal(first.statusCode, 200);
      assert.match(first.body, /<h1>Account requests<\/h1>/);
      assert.equal([...first.body.matchAll(/<tr data-row="/g)].length, 50);
      assert.ok(first.body.includes('&lt;script&gt;alert(1)&lt;/script&gt; Zed\u202Eevil'));
      assert.ok(!first.body.includes('<script>alert(1)'));
      assert.match(
        first.body,
        /<dt>pending<\/dt><dd><a href="\/accounts\?state=pending"><bdi>55<\/bdi><\/a><\/dd>/,
      );
      assert.match(
        first.body,
        /<dt>provisioning<\/dt><dd><a href="\/accounts\?state=approved"><bdi>1<\/bdi>/,
      );
      const next = /<a href="([^"]+)" rel="next">/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
      assert.ok(next?.startsWith('/accounts?before='));
      const second = await h.get(next as string, admin.cookie);
      assert.equal([...second.body.matchAll(/<tr data-row="/g)].length, 6);
      assert.doesNotMatch(second.body, /rel="next"/);
      const rowsOf = (body: string) => [...body.matchAll(/<tr data-row="([^"]+)"/g)].map((m) => m[1]);
      assert.equal(
        new Set([...rowsOf(first.body), ...rowsOf(second.body)]).size,
        56,
        'no row twice, none lost',
      );
      const approved = await h.get('/accounts?state=approved', admin.cookie);
      assert.equal(rowsOf(approved.body).length, 1);
      assert.match(approved.body, /choosing the account name/, 'the step of a request in provisioning');
      const search = await h.get('/accounts?q=surname1', admin.cookie);
      assert.equal(rowsOf(search.body).length, 11, 'Surname1 and Surname10…19');
      assert.equal(
        rowsOf((await h.get('/accounts?q=P07%40', admin.cookie)).body).length,
        1,
        'address prefix, any case',
      );
      assert.equal((await h.get('/accounts?state=bogus', admin.cookie)).statusCode, 400);
      assert.equal((await h.get('/accounts?before=1~%3Cx%3E', admin.cookie)).statusCode, 400);
      const de = await h.c.app.inject({
        url: '/accounts',
        headers: { cookie: admin.cookie, 'accept-language': 'de' },
      });
      assert.match(de.body, /<h1>Kontoanträge<\/h1>/);
    });

    test('approve, deny with a reason and retry change the request and are audited twice', async () => {
      const h = await harness(dialect);
      const admin = await h.c.signIn(['admin'], 'Ada Admin');
      const a = await h.file({ address: 'a@stud.example.edu' });
      const b = await h.file({ address: 'b@stud.example.edu' });
      const f = await h.file({ address: 'f@stud.example.edu', approved: true, decidedBy: 'policy' });
      await h.requests.fail(f.id, 'upn', 'GSOC_X: boom', 'UPN_EXHAUSTED');
      const page = await h.get(`/accounts/requests/${a.id}`, admin.cookie);
      assert.match(page.body, new RegExp(`action="/accounts/requests/${a.id}/approve"`));
      assert.match(page.body, /<legend>Deny this request<\/legend>/);
      const ok = await h.post(`/accounts/requests/${a.id}/approve`, admin.cookie, { _csrf: admin.csrf });
      assert.equal(ok.statusCode, 303);
      assert.match(ok.headers.location as string, new RegExp(`^/accounts/requests/${a.id}\\?flash=\\d+$`));
      assert.equal((await h.requests.load(a.id)).state, 'approved');
      assert.equal((await h.requests.load(a.id)).decidedBy, 'Ada Admin');
      const twice = await h.post(`/accounts/requests/${a.id}/approve`, admin.cookie, {
        _csrf: admin.csrf,
        return: '/accounts',
      });
      assert.match(
        (await flashOf(h, admin.cookie, twice.headers.location as string)) ?? '',
        /is approved, not pending/,
      );
      const empty = await h.post(`/accounts/requests/${b.id}/deny`, admin.cookie, {
        _csrf: admin.csrf,
        reason: '  ',
      });
      assert.match((await flashOf(h, admin.cookie, empty.headers.location as string)) ?? '', /reason/);
      assert.equal((await h.requests.load(b.id)).state, 'pending', 'no reason, no denial');
      await h.post(`/accounts/requests/${b.id}/deny`, admin.cookie, {
        _csrf: admin.csrf,
        reason: 'Not a student <b>',
      });
      const denied = await h.requests.load(b.id);
      assert.equal(denied.state, 'denied');
      assert.equal(denied.reason, 'Not a student <b>');
      await h.post(`/accounts/requests/${f.id}/retry`, admin.cookie, { _csrf: admin.csrf });
      assert.equal((await h.requests.load(f.id)).state, 'approved');
      const history = await h.get(`/accounts/requests/${b.id}`, admin.cookie);
      assert.match(history.body, /<code><bdi>request.denied<\/bdi><\/code>/);
      assert.ok(history.body.includes('Not a student &lt;b&gt;'));
      const actions = (await h.audit.page({ limit: 50 })).map((e) => [e.action, e.actor]);
      for (const want of [
        ['request.approved', 'Ada Admin'],
        ['request.denied', 'Ada Admin'],
        ['request.retried', 'Ada Admin'],
      ])
        assert.ok(
          actions.some((x) => x[0] === want[0] && x[1] === want[1]),
          want.join(' by '),
        );
      const consoleAudit = (await new AuditLog(h.c.db.store).list({})).entries.map(
        (e) => `${e.action}:${e.outcome}`,
      );
      for (const want of [
        'accounts.request.approve:success',
        'accounts.request.approve:failure',
        'accounts.request.deny:success',
        'accounts.request.retry:success',
      ])
        assert.ok(consoleAudit.includes(want), want);
      const auditPage = await h.get('/accounts/audit?q=request.denied', admin.cookie);
      assert.equal([...auditPage.body.matchAll(/<tr data-row="/g)].length, 1);
    });

    test('a viewer sees requests but no button or form, and a forged post is refused with 403', async () => {
      const h = await harness(dialect);
      const viewer = await h.c.signIn(['viewer']);
      const analyst = await h.c.signIn(['analyst']);
      const a = await h.file({ address: 'a@stud.example.edu' });
      const list = await h.get('/accounts', viewer.cookie);
      assert.equal(list.statusCode, 200);
      assert.doesNotMatch(list.body, /\/approve"/);
      const page = await h.get(`/accounts/requests/${a.id}`, viewer.cookie);
      assert.doesNotMatch(page.body, /\/approve"|\/deny"|<legend>Deny/);
      assert.doesNotMatch((await h.get('/accounts/imports', viewer.cookie)).body, /type="file"/);
      for (const who of [viewer, analyst]) {
        const res = await h.post(`/accounts/requests/${a.id}/approve`, who.cookie, { _csrf: who.csrf });
        assert.equal(res.statusCode, 403);
      }
      assert.equal(
        (await h.post(`/accounts/requests/${a.id}/deny`, viewer.cookie, { _csrf: viewer.csrf, reason: 'x' }))
          .statusCode,
        403,
      );
      assert.equal((await h.requests.load(a.id)).state, 'pending');
      assert.equal((await h.get('/accounts/export.csv', viewer.cookie)).statusCode, 403);
      const admin = await h.c.signIn(['admin']);
      assert.equal(
        (await h.post(`/accounts/requests/${a.id}/approve`, admin.cookie, {})).statusCode,
        403,
        'no token',
      );
    });

    test('an import files good rows as approved requests and refuses duplicate, ineligible and malformed ones', async () => {
      const h = await harness(dialect);
      const admin = await h.c.signIn(['admin'], 'Ada Admin');
      await h.file({ address: 'known@stud.example.edu' });
      const rows = [
        'email;given_name;surname;template',
        'anna@stud.example.edu;Anna;Müller;',
        'known@stud.example.edu;Kim;Known;',
        'ANNA@Stud.Example.edu;Anna;Again;',
        'someone@gmail.com;Sam;One;',
        'not an address;X;Y;',
        'bo@stud.example.edu;Bo',
        'li@stud.example.edu;"Li;Wei""";Chen;',
        'eve@stud.example.edu;;Eve;',
        'prof@example.edu;Pia;Prof;staff',
        'x@stud.example.edu;Xa;Xu;nosuch',
        'emoji@stud.example.edu;🎉;🎉;',
      ];
      const res = await h.upload(
        '/accounts/imports',
        admin.cookie,
        { _csrf: admin.csrf, template: 'students' },
        { name: 'list.csv', data: `\uFEFF${rows.join('\r\n')}\r\n` },
      );
      assert.equal(res.statusCode, 303);
      const location = res.headers.location as string;
      const id = Number(/^\/accounts\/imports\/(\d+)\?flash=/.exec(location)?.[1]);
      assert.ok(id > 0);
      assert.match((await flashOf(h, admin.cookie, location)) ?? '', /11 rows, 3 accepted, 8 refused/);
      const results = await h.imports.results(id, { limit: 100 });
      const outcome = results.map((r) => [
        r.row,
        'refusal' in r ? r.refusal.code : `${r.request.state}:${r.request.template}`,
      ]);
      assert.deepEqual(outcome, [
        [1, 'approved:students'],
        [2, 'GSOC_ACCOUNTS_REQUEST_DUPLICATE'],
        [3, 'GSOC_ACCOUNTS_REQUEST_DUPLICATE'],
        [4, 'GSOC_ACCOUNTS_ADDRESS_NOT_ELIGIBLE'],
        [5, 'GSOC_ACCOUNTS_ADDRESS_INVALID'],
        [6, 'GSOC_ACCOUNTS_IMPORT_ROW_INVALID'],
        [7, 'approved:students'],
        [8, 'GSOC_ACCOUNTS_IMPORT_ROW_INVALID'],
        [9, 'approved:staff'],
        [10, 'GSOC_ACCOUNTS_IMPORT_ROW_INVALID'],
        [11, 'GSOC_ACCOUNTS_NAME_UNUSABLE'],
      ]);
      const filed = results.flatMap((r) => ('request' in r ? [r.request] : []));
      assert.deepEqual(
        filed.map((r) => [r.givenName, r.source, r.decidedBy, r.importId, r.step]),
        [
          ['Anna', 'import', 'Ada Admin', id, 'upn'],
          ['Li;Wei"', 'import', 'Ada Admin', id, 'upn'],
          ['Pia', 'import', 'Ada Admin', id, 'upn'],
        ],
      );
      const imp = await h.imports.get(id);
      assert.deepEqual(
        [imp?.rows, imp?.accepted, imp?.refused, imp?.createdBy, imp?.fileName],
        [11, 3, 8, 'Ada Admin', 'list.csv'],
      );
      const page = await h.get(`/accounts/imports/${id}`, admin.cookie);
      assert.match(page.body, /<progress id="p-progress" max="3" value="0"/);
      assert.match(page.body, /data-live="yes"/, 'live while rows wait for provisioning');
      assert.match(page.body, /GSOC_ACCOUNTS_REQUEST_DUPLICATE/);
      await h.requests.fail(filed[0]?.id as string, 'upn', 'E', 'R');
      const later = await h.get(`/accounts/imports/${id}`, admin.cookie);
      assert.match(later.body, /<progress id="p-progress" max="3" value="1"/);
      const list = await h.get('/accounts/imports', admin.cookie);
      assert.match(list.body, new RegExp(`href="/accounts/imports/${id}"`));
      const csv = await h.get(`/accounts/imports/${id}/results.csv`, admin.cookie);
      assert.equal(csv.statusCode, 200);
      const table = parseCsv(csv.rawPayload);
      assert.equal(table.rows.length, 11);
      assert.deepEqual(table.rows[1]?.cells.slice(0, 4), [
        '2',
        'known@stud.example.edu',
        'refused',
        'GSOC_ACCOUNTS_REQUEST_DUPLICATE',
      ]);
    });

    test('a file the import cannot read stores nothing and says why; a file too large is refused', async () => {
      const h = await harness(dialect);
      const admin = await h.c.signIn(['admin']);
      const missing = await h.upload(
        '/accounts/imports',
        admin.cookie,
        { _csrf: admin.csrf, template: 'students', return: '/accounts/imports' },
        { name: 'x.csv', data: 'email,given_name\na@stud.example.edu,A\n' },
      );
      assert.equal(missing.statusCode, 303);
      assert.match(
        (await flashOf(h, admin.cookie, missing.headers.location as string)) ?? '',
        /MISSING_COLUMN: surname/,
      );
      assert.deepEqual(await h.imports.page({ limit: 5 }), []);
      const badTemplate = await h.upload(
        '/accounts/imports',
        admin.cookie,
        { _csrf: admin.csrf, template: 'nosuch' },
        { name: 'x.csv', data: 'email,given_name,surname\n' },
      );
      assert.match(
        (await flashOf(h, admin.cookie, badTemplate.headers.location as string)) ?? '',
        /template/,
      );
      const big = await h.upload(
        '/accounts/imports',
        admin.cookie,
        { _csrf: admin.csrf, template: 'students' },
        { name: 'big.csv', data: Buffer.alloc(5 * 1024 * 1024 + 10, 0x61) },
      );
      assert.equal(big.statusCode, 413);
      assert.match(big.body, /GSOC_CONSOLE_UPLOAD_TOO_LARGE/);
      assert.deepEqual(await h.imports.page({ limit: 5 }), []);
    });

    test('the export has the list’s rows, quoted and with formula cells defused', async () => {
      const h = await harness(dialect);
      const admin = await h.c.signIn(['admin']);
      await h.file({
        address: 'a@stud.example.edu',
        givenName: '=HYPERLINK("http://evil","x")',
        surname: '+Plus, "Q"',
      });
      await h.file({
        address: 'b@stud.example.edu',
        givenName: '@SUM(A1)',
        surname: 'Line\r\nBreak',
        approved: true,
        decidedBy: 'policy',
      });
      const res = await h.get('/accounts/export.csv', admin.cookie);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(
        res.headers['content-disposition'] as string,
        /^attachment; filename="accounts-requests-\d{4}-\d{2}-\d{2}\.csv"/,
      );
      assert.ok(res.body.startsWith('\uFEFFid,created,state'));
      const t = parseCsv(res.rawPayload);
      const given = t.header.indexOf('given_name');
      const surname = t.header.indexOf('surname');
      const byAddress = new Map(t.rows.map((r) => [r.cells[t.header.indexOf('email')], r.cells]));
      assert.equal(byAddress.get('a@stud.example.edu')?.[given], `'=HYPERLINK("http://evil","x")`);
      assert.equal(byAddress.get('a@stud.example.edu')?.[surname], `'+Plus, "Q"`);
      assert.equal(byAddress.get('b@stud.example.edu')?.[given], `'@SUM(A1)`);
      assert.equal(byAddress.get('b@stud.example.edu')?.[surname], 'Line\r\nBreak');
      const pending = parseCsv((await h.get('/accounts/export.csv?state=pending', admin.cookie)).rawPayload);
      assert.equal(pending.rows.length, 1, 'filtered like the list');
      const entries = (await new AuditLog(h.c.db.store).list({ action: 'accounts.export' })).entries;
      assert.equal(entries.length, 2);
    });

    test('the expiry page shows the schedule and the accounts ending soon; the overview the waiting ones', async () => {
      const h = await harness(dialect);
      const admin = await h.c.signIn(['admin']);
      const r = await h.file({
        address: 'end@example.edu',
        template: 'staff',
        approved: true,
        decidedBy: 'policy',
      });
      await h.requests.complete(r.id, 'account', 'upn', { upn: 'end@example.edu' });
      for (const step of ['user', 'licences', 'groups', 'notify'] as const)
        await h.requests.complete(r.id, 'account', step, {});
      await h.requests.mark(r.id, { expires_at: Date.now() + 5 * 86_400_000 });
      const gone = await h.file({
        address: 'gone@example.edu',
        template: 'staff',
        approved: true,
        decidedBy: 'policy',
      });
      for (const step of ['upn', 'user', 'licences', 'groups', 'notify'] as const)
        await h.requests.complete(gone.id, 'account', step, {});
      await h.requests.mark(gone.id, {
        expires_at: Date.now() - 86_400_000,
        disabled_at: Date.now() - 3_600_000,
      });
      await h.file({ address: 'wait@stud.example.edu' });
      const page = await h.get('/accounts/expiry', admin.cookie);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /staff: 30 days/);
      assert.match(page.body, /<dd><bdi>14 days<\/bdi><\/dd>/);
      const expiring = /data-block="expiring"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
      assert.match(expiring, /end@example.edu/);
      const disabled = /data-block="disabled"[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? '';
      assert.match(disabled, /gone@example.edu/);
      const overview = await h.get('/', admin.cookie);
      assert.match(overview.body, /1 account requests wait for a decision/);
      assert.match(overview.body, /href="\/accounts\?state=pending"/);
      const chart = /data-block="accounts-filed-daily"[\s\S]*?<\/section>/.exec(overview.body)?.[0] ?? '';
      assert.match(chart, /Account requests filed per day \(14 days\)/);
      const today =
        /<tbody>[\s\S]*<tr><th scope="row">[^<]*<\/th><td>(\d+)<\/td><td>(\d+)<\/td><td>(\d+)<\/td><\/tr><\/tbody>/.exec(
          chart,
        );
      assert.deepEqual(today?.slice(1), ['3', '0', '0'], 'today: three filed through the portal');
    });
  });
}

describe('import results', () => {
  test('page by row number across refusals and requests, none lost or doubled', async () => {
    const h = await harness('sqlite');
    const admin = await h.c.signIn(['admin']);
    const lines = ['email,given_name,surname'];
    for (let i = 1; i <= 9; i++) lines.push(i % 3 === 0 ? `bad${i},X,Y` : `r${i}@stud.example.edu,R,N${i}`);
    const res = await h.upload(
      '/accounts/imports',
      admin.cookie,
      { _csrf: admin.csrf, template: 'students' },
      { name: 'p.csv', data: lines.join('\n') },
    );
    const id = Number(/imports\/(\d+)/.exec(res.headers.location as string)?.[1]);
    const seen: number[] = [];
    let after = 0;
    for (;;) {
      const page = await h.imports.results(id, { afterRow: after, limit: 2 });
      seen.push(...page.map((r) => r.row));
      if (page.length < 2) break;
      after = page.at(-1)?.row as number;
    }
    assert.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(
      (await h.get(`/accounts/imports/${id}?after=3`, admin.cookie)).body.match(/<tr data-row="/g)?.length,
      6,
    );
  });
});
