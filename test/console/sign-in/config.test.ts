// `[console]` in graphsoc.toml: defaults, the tenant it names, break-glass needing its file, the
// public URL's shape, and messages in both languages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONFIG } from '../../../src/app/config.js';
import { messages } from '../../../src/console/sign-in/index.js';

const tenant = { name: 'contoso', tenantId: 'contoso.onmicrosoft.com', clientId: 'x', clientSecret: 's' };
const issues = (raw: Record<string, unknown>) => {
  const r = CONFIG.schema.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

test('defaults: no Entra sign-in, break-glass off, the default app role names', () => {
  const c = CONFIG.schema.parse({}).console;
  assert.equal(c.entra.tenant, '');
  assert.equal(c.breakGlass.enabled, false);
  assert.deepEqual(c.entra.appRoles, {
    'graphsoc.viewer': 'viewer',
    'graphsoc.analyst': 'analyst',
    'graphsoc.admin': 'admin',
  });
  assert.equal(c.session.idleTimeoutSec, 1800);
});

test('refuses an unknown tenant, break-glass without its file, an unknown role and a plain-HTTP public URL', () => {
  assert.deepEqual(issues({ tenants: [tenant], console: { entra: { tenant: 'contoso' } } }), []);
  assert.match(
    issues({ tenants: [tenant], console: { entra: { tenant: 'fabrikam' } } }).join(),
    /console\.entra\.tenant/,
  );
  assert.match(issues({ console: { breakGlass: { enabled: true } } }).join(), /passwordHashFile/);
  assert.match(issues({ console: { entra: { appRoles: { x: 'root' } } } }).join(), /appRoles/);
  assert.match(issues({ console: { publicUrl: 'http://soc.contoso.com' } }).join(), /publicUrl/);
  assert.match(issues({ console: { publicUrl: 'https://soc.contoso.com/console' } }).join(), /publicUrl/);
  assert.deepEqual(issues({ console: { publicUrl: 'http://127.0.0.1:8081' } }), []);
});

test('every sign-in message has an English and a German text', () => {
  assert.deepEqual(Object.keys(messages.de).sort(), Object.keys(messages.en).sort());
  for (const [id, text] of Object.entries(messages.de))
    assert.notEqual(text, messages.en[id as keyof typeof messages.en], id);
});
