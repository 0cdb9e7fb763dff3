// The recipient named in the subject, and tenants of shared platforms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recipientInSubject } from '../../../../src/phishing/analyze/signals/recipient.js';
import { sharedTenantOf } from '../../../../src/phishing/analyze/signals/shared-tenant.js';
import { assertLinear, HOSTILE } from '../../../helpers/linear-time.js';
import { h, reportOf } from '../report-of.js';

const message = (subject: string, to: string, cc = '') =>
  reportOf({ subject, headers: [h('To', to), ...(cc ? [h('Cc', cc)] : [])] }).original;

test('the subject names a recipient by full address or a distinctive local part', () => {
  assert.equal(
    recipientInSubject(message('Jane.Doe@Contoso.com mailbox full', 'jane.doe@contoso.com')),
    'jane.doe@contoso.com',
  );
  assert.equal(recipientInSubject(message('#jdoe72: claim it', '"J" <jdoe72@contoso.com>')), 'jdoe72');
  assert.equal(recipientInSubject(message('for a.b-c now', 'x@y.example', 'a.b-c@contoso.com')), 'a.b-c');
});

test('plain words, bracketed tags and other people are no naming', () => {
  assert.equal(
    recipientInSubject(message('info about the sale', 'info@contoso.com')),
    null,
    'local part is a word',
  );
  assert.equal(recipientInSubject(message('[users-list] hello', 'users-list@lists.example')), null);
  assert.equal(recipientInSubject(message('bob.smith: hi', 'jane.doe@contoso.com')), null);
  assert.equal(recipientInSubject(message('', 'jane.doe@contoso.com')), null);
});

test('a hostile subject or recipient line costs linear time', async () => {
  await assertLinear(
    'recipientInSubject (subject)',
    (s) => recipientInSubject(message(s, 'jane.doe@contoso.com')),
    HOSTILE,
  );
  await assertLinear('recipientInSubject (To)', (s) => recipientInSubject(message('jane.doe', s)), [
    ...HOSTILE,
    'a.b-c@x ',
  ]);
});

test('shared tenant platforms: a tenant subdomain, not the platform itself', () => {
  assert.equal(sharedTenantOf('abc.zendesk.com'), 'zendesk.com');
  assert.equal(sharedTenantOf('Contoso.onmicrosoft.com'), 'onmicrosoft.com');
  assert.equal(sharedTenantOf('zendesk.com'), null);
  assert.equal(sharedTenantOf('notzendesk.com'), null);
});
