// Normalised words and shingles: copies of one template compare equal whatever their variable parts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalisedWords, shingleSet } from '../../bench/mail-dev-shingles.js';
import { assertLinear, HOSTILE } from '../helpers/linear-time.js';

test('masks URLs, addresses, numbers and long or id-like tokens, and drops punctuation around words', () => {
  assert.deepEqual(
    normalisedWords('Dear  JOHN, visit https://x.example/a?b=1 or www.x.example; write to a.b@c.example!'),
    ['dear', 'john', 'visit', '<url>', 'or', '<url>', 'write', 'to', '<email>'],
  );
  assert.deepEqual(normalisedWords('Order 12345 costs 1.299,00 € (ref A7F3K29Q) on 2026-11-22'), [
    'order',
    '0',
    'costs',
    '0.0,0',
    'ref',
    '<long>',
    'on',
    '0-0-0',
  ]);
  assert.deepEqual(normalisedWords(`token ${'x'.repeat(21)} — ... ok`), ['token', '<long>', 'ok']);
});

test('removes invisible characters put inside words and splits on every kind of space', () => {
  assert.deepEqual(normalisedWords('Pay\u200bPal acc\u00adount\u00a0now\u3000please\tyes\r\nno'), [
    'paypal',
    'account',
    'now',
    'please',
    'yes',
    'no',
  ]);
  assert.deepEqual(normalisedWords(' \n\t '), []);
});

test('two copies differing only in their variable parts have the same shingles', () => {
  const a = 'Hello Ann, your invoice 4711 of 12.03.2026 is at https://a.example/x?id=1 pay today';
  const b = 'Hello Ann, your invoice 0815 of 01.01.2025 is at https://b.example/y pay today';
  assert.deepEqual(shingleSet(normalisedWords(a)), shingleSet(normalisedWords(b)));
});

test('makes one shingle per five-word window, without repeats, and one of a short text', () => {
  assert.equal(shingleSet(normalisedWords('a b c d e f g')).length, 3);
  assert.equal(shingleSet(normalisedWords('a b c d e a b c d e')).length, 5);
  assert.equal(shingleSet(normalisedWords('see attached')).length, 1);
  assert.equal(shingleSet([]).length, 0);
  const s = shingleSet(normalisedWords('one two three four five six seven eight nine ten'));
  assert.deepEqual(
    [...s],
    [...s].sort((x, y) => x - y),
  );
});

test('normalisedWords runs in time linear in its input (1 MB hostile shapes)', async () => {
  await assertLinear('normalisedWords', normalisedWords, [...HOSTILE, '\u200b', '!', 'a1', '1', 'http://a ']);
});

test('shingleSet runs in time linear in the number of words', async () => {
  await assertLinear('shingleSet', (s: string) => shingleSet(s.split(' ')), ['a ', 'a b c ', 'x y z w v u ']);
});
