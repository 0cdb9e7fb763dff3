// The portal's whole path over HTTP against the Graph emulator: start → the code read from the
// emulator's sendMail outbox → the request page → a filed request and its status page; the link path
// (a GET that only shows a button, a replayed link refused); wrong, expired and spent codes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser, csrfOf, lastCode, mailsTo, type Portal, startPortal, verifiedBrowser } from './harness.js';

describe('accounts portal: from address to filed request', () => {
  let p: Portal;
  before(async () => {
    p = await startPortal({ publicUrl: 'http://localhost:80' });
  });
  after(() => p.close());

  test('the whole flow: code from the outbox, request filed, status page with its state', async () => {
    const b = new Browser(p);
    const home = await b.get('/accounts');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /<html lang="en">/);
    assert.match(home.body, /Student account &lt;2027&gt;/);
    assert.match(home.body, /for about 60 minutes/);
    const start = await b.post('/accounts/start', { address: 'Anna.Mueller@Stud.Example.edu' });
    assert.equal(start.statusCode, 303);
    assert.match(start.headers.location as string, /^\/accounts\/verify\/[A-Za-z0-9_-]{22}$/);
    const { code, link } = lastCode(p, 'anna.mueller@stud.example.edu');
    assert.match(link ?? '', /^http:\/\/localhost\/accounts\/link\/[A-Za-z0-9_-]{43}$/);
    const verify = await b.post(start.headers.location as string, { code });
    assert.equal(verify.statusCode, 303);
    assert.equal(verify.headers.location, '/accounts/request');
    assert.ok(b.cookies.has('graphsoc-accounts'), 'loopback http: the plain cookie name');
    const form = await b.get('/accounts/request');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /anna\.mueller@stud\.example\.edu/);
    const filed = await b.post('/accounts/request', {
      _csrf: csrfOf(form.body),
      choice: 'account:students',
      given: 'Anna',
      surname: 'Müller',
      consent: 'yes',
      action: 'submit',
    });
    assert.equal(filed.statusCode, 303, filed.body.slice(0, 500));
    const statusPath = filed.headers.location as string;
    assert.match(statusPath, /^\/accounts\/status\/[A-Za-z0-9_-]{43}$/);
    const [r] = await p.requests.byAddress('anna.mueller@stud.example.edu');
    assert.equal(r?.kind, 'account');
    assert.equal(r?.state, 'approved', 'students need no approval');
    assert.equal(r?.source, 'portal');
    assert.equal(r?.locale, 'en');
    const received = mailsTo(p, 'anna.mueller@stud.example.edu').at(-1) ?? '';
    assert.match(received, /We received your request/);
    assert.ok(received.includes(`http://localhost/${statusPath.slice(1)}`), 'the status link is mailed');
    const status = await b.get(statusPath);
    assert.equal(status.statusCode, 200);
    assert.match(status.body, /Approved, being set up/);
    assert.equal(status.headers['cache-control'], 'no-store');
    assert.equal(status.headers['referrer-policy'], 'no-referrer');
    const audit = await p.audit.page({ limit: 10, action: 'person.verified' });
    assert.equal(audit.length >= 1, true);
  });

  test('the link shows a Continue button on GET, is used by the POST, and is refused when replayed', async () => {
    const b = new Browser(p);
    await b.post('/accounts/start', { address: 'link.user@stud.example.edu' });
    const { link } = lastCode(p, 'link.user@stud.example.edu');
    const path = new URL(link as string).pathname;
    // A scanner fetching the link twice spends nothing.
    for (let i = 0; i < 2; i++) {
      const page = await new Browser(p).get(path);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`<form method="post" action="${path}">`));
    }
    const used = await b.post(path, {});
    assert.equal(used.statusCode, 303);
    assert.equal(used.headers.location, '/accounts/request');
    const replay = await new Browser(p).post(path, {});
    assert.equal(replay.statusCode, 400);
    assert.match(replay.body, /not valid/);
    const after = await new Browser(p).get(path);
    assert.match(after.body, /no longer valid/);
  });

  test('wrong codes spend the code at the attempt limit, even the right one after', async () => {
    const b = new Browser(p);
    const start = await b.post('/accounts/start', { address: 'guess@stud.example.edu' });
    const { code } = lastCode(p, 'guess@stud.example.edu');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const r = await b.post(start.headers.location as string, { code: wrong });
      assert.equal(r.statusCode, 400);
    }
    const right = await b.post(start.headers.location as string, { code });
    assert.equal(right.statusCode, 400, 'spent after 5 wrong tries');
    assert.equal(b.cookies.size, 0);
  });

  test('an expired code is refused', async () => {
    const b = new Browser(p);
    const start = await b.post('/accounts/start', { address: 'late@stud.example.edu' });
    const { code } = lastCode(p, 'late@stud.example.edu');
    p.now.ms += 16 * 60_000;
    try {
      const r = await b.post(start.headers.location as string, { code });
      assert.equal(r.statusCode, 400);
    } finally {
      p.now.ms -= 16 * 60_000;
    }
  });

  test('a code is used once: a second verification with it is refused', async () => {
    const b = await verifiedBrowser(p, 'once@stud.example.edu');
    assert.ok(b.cookies.size > 0);
    const start = await new Browser(p).post('/accounts/start', { address: 'once2@stud.example.edu' });
    const { code } = lastCode(p, 'once2@stud.example.edu');
    assert.equal((await new Browser(p).post(start.headers.location as string, { code })).statusCode, 303);
    assert.equal((await new Browser(p).post(start.headers.location as string, { code })).statusCode, 400);
  });

  test('the request page without a session goes back to the start; its POST is refused', async () => {
    const b = new Browser(p);
    const r = await b.get('/accounts/request');
    assert.equal(r.statusCode, 303);
    assert.equal(r.headers.location, '/accounts');
    const post = await b.post('/accounts/request', { choice: 'account:students' });
    assert.equal(post.statusCode, 401);
  });

  test('a duplicate account request gets a friendly page', async () => {
    const b = await verifiedBrowser(p, 'twice@stud.example.edu');
    const submit = async () => {
      const form = await b.get('/accounts/request');
      return b.post('/accounts/request', {
        _csrf: csrfOf(form.body),
        choice: 'account:students',
        given: 'Tom',
        surname: 'Twice',
        consent: 'yes',
        action: 'submit',
      });
    };
    assert.equal((await submit()).statusCode, 303);
    const second = await submit();
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /You already asked for this/);
  });

  test('join a listed group (its name read from Graph) and create one under the naming policy', async () => {
    const b = await verifiedBrowser(p, 'groups@stud.example.edu');
    const form = await b.get('/accounts/request');
    assert.match(form.body, /Chess &lt;club&gt;/);
    const join = await b.post('/accounts/request', {
      _csrf: csrfOf(form.body),
      choice: `join:6a0f5bd2-94f1-4a8e-a3a3-0d0b6e1c2a11`,
      given: 'Gus',
      surname: 'Group',
      consent: 'yes',
      action: 'submit',
    });
    assert.equal(join.statusCode, 303);
    const blocked = await b.post('/accounts/request', {
      _csrf: csrfOf(form.body),
      choice: 'create',
      groupName: 'the forbidden club',
      groupKind: 'm365',
      given: 'Gus',
      surname: 'Group',
      consent: 'yes',
      action: 'submit',
    });
    assert.equal(blocked.statusCode, 400);
    assert.match(blocked.body, /word that is not allowed/);
    const created = await b.post('/accounts/request', {
      _csrf: csrfOf(form.body),
      choice: 'create',
      groupName: 'Robotics',
      groupKind: 'm365',
      given: 'Gus',
      surname: 'Group',
      consent: 'yes',
      action: 'submit',
    });
    assert.equal(created.statusCode, 303);
    const mine = await p.requests.byAddress('groups@stud.example.edu');
    const create = mine.find((r) => r.kind === 'group-create');
    assert.equal(create?.groupName, 'grp-Robotics');
    assert.equal(create?.state, 'pending', 'a new group always waits for an administrator');
    assert.equal(mine.find((r) => r.kind === 'group-join')?.groupId, '6a0f5bd2-94f1-4a8e-a3a3-0d0b6e1c2a11');
  });

  test('the preview shows the first free name, checked against the directory', async () => {
    p.emu.seedUsers([{ tenantId: p.tenantId, userPrincipalName: 'joerg.strasse@contoso.onmicrosoft.com' }]);
    const b = await verifiedBrowser(p, 'preview@stud.example.edu');
    const form = await b.get('/accounts/request');
    const r = await b.post('/accounts/request', {
      _csrf: csrfOf(form.body),
      choice: 'account:students',
      given: 'Jörg',
      surname: 'Straße',
      action: 'preview',
    });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /joerg\.strasse2@contoso\.onmicrosoft\.com/);
    assert.match(r.body, /final name is fixed when the account is created/);
    assert.match(r.body, /value="Jörg"/, 'the form keeps what was typed');
    assert.equal(
      (await p.requests.byAddress('preview@stud.example.edu')).length,
      0,
      'a preview files nothing',
    );
  });

  test('a session has 20 previews that ask the directory; later ones show the unchecked name', async () => {
    const b = await verifiedBrowser(p, 'budget@stud.example.edu');
    const form = await b.get('/accounts/request');
    const lookups = () =>
      p.emu.requests().filter((r) => r.method === 'GET' && r.path === '/v1.0/users').length;
    const preview = () =>
      b.post('/accounts/request', {
        _csrf: csrfOf(form.body),
        choice: 'account:students',
        given: 'Bud',
        surname: 'Get',
        action: 'preview',
      });
    for (let i = 0; i < 20; i++) assert.match((await preview()).body, /final name is fixed/);
    const before = lookups();
    assert.ok(before >= 20, `${before} look-ups logged`);
    const late = await preview();
    assert.match(late.body, /bud\.get@contoso\.onmicrosoft\.com/);
    assert.match(late.body, /could not check the directory/);
    assert.equal(lookups(), before, 'no directory look-up past the budget');
  });

  test('missing consent, no name and a name without letters are said beside the form', async () => {
    const b = await verifiedBrowser(p, 'problems@stud.example.edu');
    const form = await b.get('/accounts/request');
    const r = await b.post('/accounts/request', {
      _csrf: csrfOf(form.body),
      choice: 'account:students',
      given: '😀',
      surname: '★',
      action: 'submit',
    });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /agree to how your data is stored/);
    assert.match(r.body, /no letters for an account name/);
  });
});
