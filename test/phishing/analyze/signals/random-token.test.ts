// Random tokens in subjects: what a generator writes, not ids people or systems write.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomToken } from '../../../../src/phishing/analyze/signals/random-token.js';
import { assertLinear, HOSTILE } from '../../../helpers/linear-time.js';

test('mixed-case tokens with digits and several case switches are random', () => {
  assert.equal(randomToken('Liberação de IRPF - 6NwlyfzWcsNerv0'), '6NwlyfzWcsNerv0');
  assert.equal(randomToken('Resgate de Pontos Pendente-p63j86ErKxe8q'), 'p63j86ErKxe8q');
});

test('ids, words, hex, short tokens and tokens glued to other letters are not', () => {
  for (const s of [
    'Order INC0012345 shipped',
    'Invoice 2026-000123',
    'Commit 8f3a9c2b7e1d4f60',
    'Meeting with McDonaldsUK2024', // words run together with a number
    'BlackFriday2024 deals',
    'Code aB3xY',
    'Bestätigung_aB3xY9kLmN2',
    'iPhone15ProMax',
    '',
  ])
    assert.equal(randomToken(s), null, s);
});

test('linear on hostile subjects', async () => {
  await assertLinear('randomToken', randomToken, [...HOSTILE, 'aB1', 'é', 'a_B1 ']);
});
