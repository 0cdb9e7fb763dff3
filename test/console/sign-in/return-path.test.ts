// Where the console goes after signing in: only a local absolute path, whatever the query says.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeReturnPath } from '../../../src/console/sign-in/index.js';

test('keeps a local path with its query', () => {
  assert.equal(safeReturnPath('/phishing/campaigns?page=2'), '/phishing/campaigns?page=2');
  assert.equal(safeReturnPath('/'), '/');
});

test('refuses other hosts, schemes, backslashes, control characters and the sign-in routes', () => {
  for (const bad of [
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'evil.example',
    '/\tevil',
    '/a\nb',
    '/sign-in',
    '/sign-in/callback?code=x',
    '/sign-out',
    '',
    undefined,
    ['/a'],
    `/${'a'.repeat(2000)}`,
  ])
    assert.equal(safeReturnPath(bad), '/', String(bad));
});

test('a path that normalises elsewhere stays on the console', () => {
  assert.equal(safeReturnPath('/a/../../b'), '/b');
  assert.equal(safeReturnPath('/%2F%2Fevil.example'), '/%2F%2Fevil.example');
});
