// The status page of a mailed link (the address's own requests in words, cancel with a form token
// derived from the link) and the first credential: a fresh code, then a Temporary Access Pass made by
// the emulator at that moment and shown once, or a one-time password set then; a second view refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { statusFormToken } from '../../../src/accounts/portal/status-routes.js';
import type { AccountRequest } from '../../../src/accounts/store/requests.js';
import { Browser, csrfOf, lastCode, mailsTo, type Portal, startPortal, verifiedBrowser } from './harness.js';

/** Files through the pages and returns the status path and the request. */
async function file(p: Portal, address: string, choice: string, given: string, surname: string) {
  const b = await verifiedBrowser(
    p,
    address,
    new Browser(p, { ip: `10.9.${Math.floor(Math.random() * 250)}.1` }),
  );
  const form = await b.get('/accounts/request');
  const r = await b.post('/accounts/request', {
    _csrf: csrfOf(form.body),
    choice,
    given,
    surname,
    consent: 'yes',
    action: 'submit',
  });
  assert.equal(r.statusCode, 303, r.body.slice(0, 300));
  const [request] = await p.requests.byAddress(address);
  return { b, status: r.headers.location as string, request: request as AccountRequest };
}

/** What the provisioning job would do: the user in the directory, every step recorded, done. */
async function provision(p: Portal, r: AccountRequest, upn: string): Promise<string> {
  p.emu.seedUsers([{ tenantId: p.tenantId, userPrincipalName: upn, displayName: 'New person' }]);
  const userId = p.emu.directoryUser(p.tenantId, upn)?.id as string;
  if (r.state === 'pending') await p.requests.approve(r.id, 'admin');
  await p.requests.complete(r.id, 'account', 'upn', { upn });
  await p.requests.complete(r.id, 'account', 'user', { user_id: userId });
  for (const step of ['licences', 'groups', 'notify'] as const)
    await p.requests.complete(r.id, 'account', step, {});
  return userId;
}

describe('accounts portal: status page and first credential', () => {
  let p: Portal;
  before(async () => {
    p = await startPortal();
  });
  after(() => p.close());

  test('a pending request is cancelled from the status page; the form token is needed', async () => {
    const { b, status, request } = await file(p, 'pending@example.edu', 'account:staff', 'Pat', 'Pending');
    assert.equal(request.state, 'pending');
    const page = await b.get(status);
    assert.match(page.body, /Waiting for an administrator/);
    assert.match(page.body, /Account: <bdi>Staff<\/bdi>/);
    const action = `${status}/cancel`;
    assert.equal((await b.post(action, { request: request.id })).statusCode, 403, 'no token');
    assert.equal((await b.post(action, { request: request.id, _csrf: 'x'.repeat(43) })).statusCode, 403);
    const crossSite = await b.post(
      action,
      { request: request.id, _csrf: csrfOf(page.body) },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    assert.equal(crossSite.statusCode, 403);
    assert.equal((await p.requests.get(request.id))?.state, 'pending');
    const ok = await b.post(action, { request: request.id, _csrf: csrfOf(page.body) });
    assert.equal(ok.statusCode, 303);
    assert.equal((await p.requests.get(request.id))?.state, 'cancelled');
    assert.match((await b.get(status)).body, /Cancelled by you/);
  });

  test('another address cannot cancel through its own status link', async () => {
    const victim = await file(p, 'victim@example.edu', 'account:staff', 'Vic', 'Tim');
    const other = await file(p, 'other@example.edu', 'account:staff', 'Oth', 'Er');
    const page = await other.b.get(other.status);
    const r = await other.b.post(`${other.status}/cancel`, {
      request: victim.request.id,
      _csrf: csrfOf(page.body),
    });
    assert.equal(r.statusCode, 303);
    assert.equal((await p.requests.get(victim.request.id))?.state, 'pending');
  });

  test('denied and failed requests say why in friendly words', async () => {
    const { b, status, request } = await file(p, 'denied@example.edu', 'account:staff', 'Den', 'Ied');
    await p.requests.deny(request.id, 'admin', 'Not <b>enrolled</b>');
    const page = await b.get(status);
    assert.match(page.body, /Declined/);
    assert.match(page.body, /Reason: <bdi>Not &lt;b&gt;enrolled&lt;\/b&gt;<\/bdi>/);
  });

  test('the first credential: a new code, then a Temporary Access Pass from Graph shown once', async () => {
    const { b, status, request } = await file(p, 'tap@stud.example.edu', 'account:students', 'Tara', 'Pass');
    const userId = await provision(p, request, 'tara.pass@contoso.onmicrosoft.com');
    const page = await b.get(status);
    assert.match(page.body, /Show my first sign-in credential/);
    assert.match(page.body, /tara\.pass@contoso\.onmicrosoft\.com/);
    const ask = await b.post(`${status}/credential`, { request: request.id, _csrf: csrfOf(page.body) });
    assert.equal(ask.statusCode, 303);
    assert.match(mailsTo(p, 'tap@stud.example.edu').at(-1) ?? '', /first sign-in credential/);
    assert.equal(p.emu.temporaryAccessPass(p.tenantId, userId), undefined, 'nothing made before the code');
    const { code } = lastCode(p, 'tap@stud.example.edu');
    const shown = await new Browser(p).post(ask.headers.location as string, { code });
    assert.equal(shown.statusCode, 200);
    assert.equal(shown.headers['cache-control'], 'no-store');
    const tap = p.emu.temporaryAccessPass(p.tenantId, userId);
    assert.ok(tap?.temporaryAccessPass, 'the emulator holds a pass');
    const escaped = tap.temporaryAccessPass.replace(/&/g, '&amp;');
    assert.ok(shown.body.includes(`>${escaped}<`), 'the page shows that pass');
    assert.equal(tap.isUsableOnce, true);
    assert.equal(tap.lifetimeInMinutes, 60);
    for (const html of mailsTo(p, 'tap@stud.example.edu'))
      assert.ok(!html.includes(tap.temporaryAccessPass), 'never mailed');
    const marked = await p.requests.get(request.id);
    assert.ok(marked?.credentialViewedAt);
    const audit = await p.audit.forRequest(request.id);
    const issued = audit.find((a) => a.action === 'directory.credential-issued');
    assert.deepEqual(issued?.detail, { method: 'temporary-access-pass' });
    assert.ok(!JSON.stringify(audit).includes(tap.temporaryAccessPass));

    const again = await b.get(status);
    assert.doesNotMatch(again.body, /Show my first sign-in credential/);
    assert.match(again.body, /First sign-in credential shown on/);
    const second = await b.post(`${status}/credential`, { request: request.id, _csrf: csrfOf(page.body) });
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /cannot be shown again: please ask your help desk/);
  });

  test('a second code asked before the first view is refused once the credential was shown', async () => {
    const { b, status, request } = await file(p, 'race@stud.example.edu', 'account:students', 'Ray', 'Ce');
    await provision(p, request, 'ray.ce@contoso.onmicrosoft.com');
    const page = await b.get(status);
    const first = await b.post(`${status}/credential`, { request: request.id, _csrf: csrfOf(page.body) });
    const firstCode = lastCode(p, 'race@stud.example.edu').code;
    const second = await b.post(`${status}/credential`, { request: request.id, _csrf: csrfOf(page.body) });
    const secondCode = lastCode(p, 'race@stud.example.edu').code;
    assert.equal((await b.post(first.headers.location as string, { code: firstCode })).statusCode, 200);
    const refused = await b.post(second.headers.location as string, { code: secondCode });
    assert.equal(refused.statusCode, 409);
  });

  test('one-time-view: a strong password set at view time, to be changed at first sign-in', async () => {
    const { b, status, request } = await file(p, 'staff@example.edu', 'account:staff', 'Sam', 'Staff');
    const userId = await provision(p, request, 'sam.staff@contoso.onmicrosoft.com');
    const page = await b.get(status);
    const ask = await b.post(`${status}/credential`, { request: request.id, _csrf: csrfOf(page.body) });
    const { code } = lastCode(p, 'staff@example.edu');
    const shown = await b.post(ask.headers.location as string, { code });
    assert.equal(shown.statusCode, 200);
    const secret = /class="secret" translate="no">([^<]+)</.exec(shown.body)?.[1] ?? '';
    assert.equal(secret.length, 20);
    assert.match(secret, /[a-z]/);
    assert.match(secret, /[A-Z]/);
    assert.match(secret, /[0-9]/);
    // The emulator keeps no password; the PATCH of that user is what set it.
    const patch = p.emu.requests().filter((r) => r.method === 'PATCH' && r.path === `/v1.0/users/${userId}`);
    assert.deepEqual(
      patch.map((r) => r.status),
      [204],
    );
    assert.equal(
      (await p.audit.forRequest(request.id)).find((a) => a.action === 'directory.credential-issued')?.detail
        ?.method,
      'one-time-view',
    );
  });

  test("a credential code cannot be used for someone else's request", async () => {
    const mine = await file(p, 'mine@stud.example.edu', 'account:students', 'Min', 'E');
    const theirs = await file(p, 'theirs@stud.example.edu', 'account:students', 'The', 'Irs');
    await provision(p, theirs.request, 'the.irs@contoso.onmicrosoft.com');
    const page = await mine.b.get(mine.status);
    assert.equal(page.statusCode, 200);
    const token = mine.status.split('/').at(-1) as string;
    const r = await mine.b.post(`${mine.status}/credential`, {
      request: theirs.request.id,
      _csrf: statusFormToken(token),
    });
    assert.equal(r.statusCode, 400);
    assert.equal(
      mailsTo(p, 'mine@stud.example.edu').filter((m) => /first sign-in credential/.test(m)).length,
      0,
    );
  });
});
