// The console contract's forms, uploads, progress bars and downloads, over a section mounted on the
// real admin listener: rendered accessibly and escaped, left out for those who may not, checked for
// the token, the origin and the role when posted, uploads held to their limit, downloads sent as
// attachments and audited.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { ConsoleSection, ConsoleRequest } from '../../src/platform/feature/index.js';
import { AuditLog } from '../../src/platform/web-session/index.js';
import { type AdminConsole, adminConsole, ORIGIN } from '../helpers/admin-console.js';
import { multipart } from './multipart-body.js';

const HOSTILE = '<script>alert(1)</script>\u202Eevil"\'&';
const seen: Array<Pick<ConsoleRequest, 'body' | 'files'>> = [];

const section: ConsoleSection = {
  nav: [{ path: '/forms', title: 'forms.nav' }],
  messages: { en: { 'forms.nav': 'Forms' }, de: { 'forms.nav': 'Formulare' } },
  pages: [
    {
      path: '/forms',
      async render() {
        return {
          title: 'Forms',
          blocks: [
            {
              kind: 'form',
              id: 'upload',
              title: `Upload ${HOSTILE}`,
              path: '/forms/upload',
              needs: 'settings.change',
              submit: 'Send',
              hint: 'at most `5 MB`',
              fields: [
                {
                  kind: 'text',
                  name: 'title',
                  label: `Title ${HOSTILE}`,
                  required: true,
                  value: HOSTILE,
                  maxLength: 50,
                },
                { kind: 'textarea', name: 'note', label: 'Note', value: HOSTILE, hint: `hint ${HOSTILE}` },
                {
                  kind: 'select',
                  name: 'template',
                  label: 'Template',
                  value: 'b',
                  options: [
                    { value: 'a', label: 'A' },
                    { value: 'b', label: `B ${HOSTILE}` },
                    { value: `"><script>`, label: 'C' },
                  ],
                },
                { kind: 'checkbox', name: 'notify', label: 'Notify', checked: true },
                { kind: 'file', name: 'file', label: 'File', required: true, accept: '.csv,text/csv' },
              ],
            },
            {
              kind: 'form',
              id: 'plain',
              title: 'Plain',
              path: '/forms/plain',
              needs: 'read',
              submit: 'Go',
              fields: [{ kind: 'text', name: 'x', label: 'X' }],
            },
            {
              kind: 'form',
              id: 'elsewhere',
              title: 'Elsewhere',
              path: '//evil.example/x',
              needs: 'read',
              submit: 'Go',
              fields: [],
            },
            {
              kind: 'progress',
              id: 'job',
              label: `Progress ${HOSTILE}`,
              value: 340,
              max: 1000,
              tone: 'info',
            },
            { kind: 'progress', id: 'over', label: 'Over', value: 50, max: 10 },
          ],
        };
      },
    },
  ],
  actions: [
    {
      path: '/forms/upload',
      needs: 'settings.change',
      audit: 'forms.upload',
      upload: { maxBytes: 1024 },
      async run(req) {
        seen.push({ body: req.body, files: req.files });
        return { message: `got ${req.files?.length ?? 0} file(s)` };
      },
    },
    {
      path: '/forms/plain',
      needs: 'read',
      audit: 'forms.plain',
      async run(req) {
        seen.push({ body: req.body, files: req.files });
        return { message: 'plain' };
      },
    },
  ],
  downloads: [
    {
      path: '/forms/:name/export.csv',
      needs: 'settings.change',
      audit: 'forms.export',
      async render(req) {
        return {
          filename: `${req.params.name}"; evil=.csv`,
          contentType: 'text/csv; charset=utf-8',
          body: '\uFEFFa,b\r\n1,2\r\n',
          target: `export:${req.params.name}`,
        };
      },
    },
  ],
};

const consoles: AdminConsole[] = [];
after(async () => {
  for (const c of consoles) await c.close();
});

async function open() {
  const c = await adminConsole({ sections: [{ feature: 'forms', section }] });
  consoles.push(c);
  return c;
}

function postMultipart(c: AdminConsole, url: string, cookie: string, body: Buffer, contentType: string) {
  return c.app.inject({
    method: 'POST',
    url,
    headers: { cookie, origin: ORIGIN, 'content-type': contentType },
    payload: body,
  });
}

describe('console forms, uploads, progress and downloads', () => {
  test('a form is drawn with labels, a legend, the token and multipart encoding; every value escaped', async () => {
    const c = await open();
    const me = await c.signIn(['admin']);
    const res = await c.app.inject({ url: '/forms', headers: { cookie: me.cookie } });
    assert.equal(res.statusCode, 200);
    const form =
      /<form method="post" action="\/forms\/upload"[^>]*>[\s\S]*?<\/form>/.exec(res.body)?.[0] ?? '';
    assert.match(form, /enctype="multipart\/form-data"/);
    assert.ok(form.includes(`<input type="hidden" name="_csrf" value="${me.csrf}">`));
    assert.match(form, /<fieldset>\s*<legend>Upload &lt;script&gt;/);
    for (const m of form.matchAll(/<label for="([^"]+)">/g))
      assert.ok(form.includes(`id="${m[1]}"`), `label ${m[1]} names a field`);
    assert.equal([...form.matchAll(/<label for=/g)].length, 5, 'every field has its label');
    assert.match(
      form,
      /<input type="text" [^>]*value="&lt;script&gt;alert\(1\)&lt;\/script&gt;\u202Eevil&quot;&#39;&amp;"[^>]* maxlength="50" required/,
    );
    assert.match(form, /<option value="b" selected>B &lt;script&gt;/);
    assert.match(form, /<option value="&quot;&gt;&lt;script&gt;">C<\/option>/);
    assert.match(form, /<input type="checkbox" [^>]*name="notify" value="yes" checked/);
    assert.match(form, /<input type="file" [^>]*accept="\.csv,text\/csv" required/);
    assert.match(form, /aria-describedby="[^"]+-hint"/);
    assert.match(form, /<code>5 MB<\/code>/);
    assert.ok(!res.body.includes('<script>alert(1)'), 'nothing hostile unescaped');
    assert.doesNotMatch(res.body, /evil\.example/, 'a form posting off the console is not drawn');
    assert.match(
      res.body,
      /<progress id="p-job" max="1000" value="340" aria-labelledby="h-job" aria-describedby="pt-job">34 %<\/progress>/,
    );
    assert.match(
      res.body,
      /<span id="pt-job" class="badge tone-info"><bdi>340 of 1,000 \(34 %\)<\/bdi><\/span>/,
    );
    assert.match(res.body, /<progress id="p-over" max="10" value="10"/, 'a value over max is shown full');
    assert.match(res.body, /<h2 id="h-job">Progress &lt;script&gt;/);
  });

  test('a viewer gets no form they may not send, and their post is refused and audited', async () => {
    const c = await open();
    const me = await c.signIn(['viewer']);
    const page = await c.app.inject({ url: '/forms', headers: { cookie: me.cookie } });
    assert.doesNotMatch(page.body, /action="\/forms\/upload"/);
    assert.match(page.body, /action="\/forms\/plain"/, 'the form they may send stays');
    const { body, contentType } = multipart([
      { name: '_csrf', value: me.csrf },
      { name: 'file', value: 'a,b', filename: 'x.csv' },
    ]);
    const before = seen.length;
    const res = await postMultipart(c, '/forms/upload', me.cookie, body, contentType);
    assert.equal(res.statusCode, 403);
    assert.equal(seen.length, before);
    const { entries } = await new AuditLog(c.db.store).list({ action: 'forms.upload' });
    assert.equal(entries[0]?.outcome, 'denied');
  });

  test('posted fields reach the action without the token and the return path; a urlencoded form too', async () => {
    const c = await open();
    const me = await c.signIn(['admin']);
    const { body, contentType } = multipart([
      { name: '_csrf', value: me.csrf },
      { name: 'return', value: '/forms' },
      { name: 'title', value: HOSTILE },
      { name: 'file', value: 'email\r\na@b.c\r\n', filename: 'list.csv' },
    ]);
    const res = await postMultipart(c, '/forms/upload', me.cookie, body, contentType);
    assert.equal(res.statusCode, 303);
    assert.match(res.headers.location as string, /^\/forms\?flash=\d+$/);
    const got = seen.at(-1);
    assert.deepEqual({ ...got?.body }, { title: HOSTILE });
    assert.equal(got?.files?.[0]?.filename, 'list.csv');
    assert.equal(got?.files?.[0]?.data.toString(), 'email\r\na@b.c\r\n');
    const plain = await c.app.inject({
      method: 'POST',
      url: '/forms/plain',
      headers: { cookie: me.cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([
        ['_csrf', me.csrf],
        ['x', 'first'],
        ['x', 'last'],
      ]).toString(),
    });
    assert.equal(plain.statusCode, 303);
    assert.deepEqual({ ...seen.at(-1)?.body }, { x: 'last' });
    assert.deepEqual(seen.at(-1)?.files, []);
  });

  test('an upload without the token, or from another origin, runs nothing', async () => {
    const c = await open();
    const me = await c.signIn(['admin']);
    const before = seen.length;
    const noToken = multipart([{ name: 'file', value: 'a', filename: 'x.csv' }]);
    assert.equal(
      (await postMultipart(c, '/forms/upload', me.cookie, noToken.body, noToken.contentType)).statusCode,
      403,
    );
    const withToken = multipart([
      { name: '_csrf', value: me.csrf },
      { name: 'file', value: 'a', filename: 'x.csv' },
    ]);
    const foreign = await c.app.inject({
      method: 'POST',
      url: '/forms/upload',
      headers: { cookie: me.cookie, origin: 'https://evil.example', 'content-type': withToken.contentType },
      payload: withToken.body,
    });
    assert.equal(foreign.statusCode, 403);
    assert.equal(seen.length, before);
  });

  test('a file over the action’s limit is refused with 413 and says the limit, however large', async () => {
    const c = await open();
    const me = await c.signIn(['admin']);
    const before = seen.length;
    const over = multipart([
      { name: '_csrf', value: me.csrf },
      { name: 'file', value: 'x'.repeat(1025), filename: 'big.csv' },
    ]);
    const res = await postMultipart(c, '/forms/upload', me.cookie, over.body, over.contentType);
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /GSOC_CONSOLE_UPLOAD_TOO_LARGE/);
    assert.match(res.body, /larger than 1 KB/);
    const huge = multipart([
      { name: '_csrf', value: me.csrf },
      { name: 'file', value: 'x'.repeat(200 * 1024), filename: 'huge.csv' },
    ]);
    const res2 = await postMultipart(c, '/forms/upload', me.cookie, huge.body, huge.contentType);
    assert.equal(res2.statusCode, 413, 'over the body limit: Fastify stops it, the console says why');
    assert.match(res2.body, /GSOC_CONSOLE_UPLOAD_TOO_LARGE/);
    assert.match(res2.headers['content-type'] as string, /text\/html/);
    const toPlain = multipart([
      { name: '_csrf', value: me.csrf },
      { name: 'file', value: 'a', filename: 'x.csv' },
    ]);
    const res3 = await postMultipart(c, '/forms/plain', me.cookie, toPlain.body, toPlain.contentType);
    assert.equal(res3.statusCode, 400, 'an action that takes no file refuses one');
    assert.match(res3.body, /GSOC_CONSOLE_FORM_INVALID/);
    assert.equal(seen.length, before);
  });

  test('a download is an attachment nobody caches, audited; a viewer is refused and audited', async () => {
    const c = await open();
    const me = await c.signIn(['admin'], 'Ada Admin');
    const res = await c.app.inject({
      url: '/forms/r%C3%A9sum%C3%A9/export.csv',
      headers: { cookie: me.cookie },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(
      res.headers['content-disposition'],
      `attachment; filename="r_sum____evil_.csv"; filename*=UTF-8''r%C3%A9sum%C3%A9%22%3B%20evil%3D.csv`,
    );
    assert.equal(res.body, '\uFEFFa,b\r\n1,2\r\n');
    const viewer = await c.signIn(['viewer']);
    const denied = await c.app.inject({ url: '/forms/x/export.csv', headers: { cookie: viewer.cookie } });
    assert.equal(denied.statusCode, 403);
    assert.doesNotMatch(denied.body, /1,2/);
    const anonymous = await c.app.inject({ url: '/forms/x/export.csv' });
    assert.equal(anonymous.statusCode, 303, 'no session: off to sign in');
    const outcomes = (await new AuditLog(c.db.store).list({ action: 'forms.export' })).entries.map((e) => [
      e.outcome,
      e.target,
    ]);
    assert.deepEqual(outcomes, [
      ['denied', '/forms/x/export.csv'],
      ['success', 'export:résumé'],
    ]);
  });
});
