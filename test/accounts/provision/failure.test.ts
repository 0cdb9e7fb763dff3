// How a step's failure is read: refusals fail at once with their stable reason, transient faults are
// postponed, the recorded text is `CODE: message` and bounded, and backoff grows with jitter.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NameUnusableError, UpnExhaustedError } from '../../../src/accounts/errors.js';
import { ProvisionDeferredError, ProvisionRefusedError } from '../../../src/accounts/provision/errors.js';
import { backoffDelayMs, classifyFailure, describeError } from '../../../src/accounts/provision/failure.js';
import { errors, HttpStatusError, HttpTransportError } from '../../../src/platform/http/index.js';

const target = { service: 'graph', method: 'POST', host: 'graph.test', path: '/v1.0/users' };
const status = (s: number, message?: string, details?: unknown) =>
  new HttpStatusError({
    status: s,
    target,
    attempts: 1,
    ...(message ? { message } : {}),
    ...(details ? { extra: { details } } : {}),
  });

describe('step failures', () => {
  const cases: Array<[string, unknown, false | string]> = [
    ['429', status(429), false],
    ['500', status(500), false],
    ['503', status(503), false],
    ['404 (replication)', status(404), false],
    ['403', status(403), 'PERMISSION'],
    ['401', status(401), 'PERMISSION'],
    ['no seats', status(400, 'Subscription with SKU x does not have any available licenses.'), 'NO_SEATS'],
    [
      'usage location',
      status(400, 'License assignment failed because service plans have invalid usage location.'),
      'USAGE_LOCATION',
    ],
    [
      'password',
      status(400, 'The specified password does not comply with password complexity requirements.'),
      'PASSWORD_COMPLEXITY',
    ],
    [
      'domain',
      status(400, 'You must use one of the verified domain names in your organization.'),
      'UNVERIFIED_DOMAIN',
    ],
    ['other 400', status(400, 'Invalid value specified for property'), 'REFUSED'],
    ['timeout', new HttpTransportError(errors.TIMEOUT, 'timed out', target, { retryable: true }), false],
    ['deferred', new ProvisionDeferredError('not yet'), false],
    ['refused', new ProvisionRefusedError('NO_ACCOUNT', 'none'), 'NO_ACCOUNT'],
    ['upn exhausted', new UpnExhaustedError('a@b.example', 50), 'UPN_EXHAUSTED'],
    ['name unusable', new NameUnusableError('name', 'NO_LATIN_LETTERS'), 'NAME_UNUSABLE'],
    ['unexpected', new TypeError('bug'), false],
  ];
  for (const [name, e, reason] of cases)
    test(`${name} → ${reason === false ? 'postponed' : `failed ${reason}`}`, () => {
      const f = classifyFailure(e);
      if (reason === false) assert.equal(f.permanent, false);
      else assert.deepEqual([f.permanent, f.permanent && f.reason], [true, reason]);
      assert.match(f.error, /^GSOC_[A-Z_]+: /);
    });

  test('the recorded text is bounded, whatever the message holds', () => {
    const hostile = `<script>\u202E${'x'.repeat(1_000_000)}\u0000😀`;
    const text = describeError(new ProvisionRefusedError('REFUSED', hostile));
    assert.ok(text.length <= 500);
    assert.ok(text.startsWith('GSOC_ACCOUNTS_PROVISION_REFUSED: <script>'));
    assert.equal(describeError('plain'), 'GSOC_ACCOUNTS_UNEXPECTED: plain');
  });

  test('backoff doubles, has jitter within [half, whole] of its ceiling, and is capped', () => {
    assert.equal(
      backoffDelayMs(0, () => 0),
      1000,
    );
    assert.equal(
      backoffDelayMs(0, () => 0.999_999),
      1999,
    );
    assert.equal(
      backoffDelayMs(3, () => 0),
      8000,
    );
    assert.equal(
      backoffDelayMs(40, () => 1),
      15 * 60_000,
    );
  });
});
