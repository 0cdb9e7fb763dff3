import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InternalError } from '../../../src/platform/errors.js';
import { CtimError, errors, sightingSchema } from '../../../src/relay/ctim/index.js';

test('the catalogue has GSOC_CTIM_INVALID as an internal error with a summary and a fix', () => {
  assert.equal(errors.INVALID.code, 'GSOC_CTIM_INVALID');
  assert.equal(errors.INVALID.actor, 'internal');
  assert.ok(errors.INVALID.summary.length > 10 && errors.INVALID.fix.length > 10);
  for (const e of Object.values(errors)) assert.match(e.code, /^GSOC_CTIM_[A-Z0-9_]+$/);
});

test('CtimError is an InternalError answered with 500 and names entity and fields', () => {
  const e = new CtimError('sighting', [{ path: 'severity', message: 'Invalid option' }]);
  assert.ok(e instanceof InternalError);
  assert.equal(e.actor, 'internal');
  assert.equal(e.httpStatus, 500);
  assert.equal(e.retryable, false);
  assert.equal(e.name, 'CtimError');
  assert.match(e.message, /^Invalid CTIM sighting: severity: Invalid option$/);
  assert.deepEqual(e.toJSON(), {
    code: 'GSOC_CTIM_INVALID',
    message: e.message,
    details: { entity: 'sighting', problems: [{ path: 'severity', message: 'Invalid option' }] },
  });
});

test('fromZod keeps paths and the zod error as cause, but not the offending values', () => {
  const secret = 'alice@contoso.example-very-private';
  const r = sightingSchema.safeParse({ id: 'x', title: secret.repeat(100), count: 'many' });
  assert.equal(r.success, false);
  const e = CtimError.fromZod('sighting', r.error!);
  assert.ok(e.problems.some((p) => p.path === 'count'));
  assert.ok(e.problems.some((p) => p.path === 'title'));
  assert.equal(e.cause, r.error);
  assert.equal(e.message.includes(secret), false);
  assert.equal(JSON.stringify(e.toJSON()).includes(secret), false);
});

test('a flood of problems is cut to 20', () => {
  const many = Array.from({ length: 500 }, (_, i) => ({ path: `observables.${i}.type`, message: 'bad' }));
  const e = new CtimError('sighting', many);
  assert.equal(e.problems.length, 20);
  assert.ok(e.message.length < 2000);
});

test('a root-level problem is shown as (root)', () => {
  assert.match(
    new CtimError('verdict', [{ path: '', message: 'Expected object' }]).message,
    /\(root\): Expected object/,
  );
});
