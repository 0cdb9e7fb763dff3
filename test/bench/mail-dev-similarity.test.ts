// Jaccard, MinHash and the template clustering of the mail-dev bench.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalisedWords, shingleSet } from '../../bench/mail-dev-shingles.js';
import { estimatedJaccard, Groups, jaccard, minHash, templates } from '../../bench/mail-dev-similarity.js';

const set = (...xs: number[]) => Uint32Array.from([...new Set(xs)].sort((a, b) => a - b));
const body = (text: string) => shingleSet(normalisedWords(text));
/** `n` distinct words from number `from` on, letters only (digits would be masked alike). */
const words = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => {
    let k = from + i;
    let w = '';
    do {
      w += String.fromCharCode(97 + (k % 26));
      k = Math.floor(k / 26);
    } while (k > 0);
    return `w${w}`;
  }).join(' ');

test('Jaccard is shared over all members, and two empty sets count as identical', () => {
  assert.equal(jaccard(set(1, 2, 3), set(2, 3, 4)), 0.5);
  assert.equal(jaccard(set(1, 2), set(3, 4)), 0);
  assert.equal(jaccard(set(), set()), 1);
  assert.equal(jaccard(set(1), set()), 0);
  assert.equal(jaccard(set(5, 6), set(5, 6)), 1);
});

test('the MinHash estimate is close to the exact Jaccard', () => {
  const a = set(...Array.from({ length: 400 }, (_, i) => i * 7919));
  const b = set(...Array.from({ length: 400 }, (_, i) => (i + 200) * 7919));
  const exact = jaccard(a, b); // 200 shared of 600
  assert.ok(Math.abs(estimatedJaccard(minHash(a), minHash(b)) - exact) < 0.12);
  assert.equal(estimatedJaccard(minHash(a), minHash(a)), 1);
});

test('joins copies of a template transitively and leaves different texts and empty bodies apart', () => {
  // Each shifted by 20 of 100 words: neighbours are 0.66 alike, the first and the last only 0.41.
  const sets = [
    body(words(0, 100)),
    body(words(20, 100)),
    body(words(40, 100)),
    body(words(500, 60)),
    body(''),
    body(''),
  ];
  assert.ok(jaccard(sets[0]!, sets[1]!) >= 0.6 && jaccard(sets[1]!, sets[2]!) >= 0.6);
  assert.ok(jaccard(sets[0]!, sets[2]!) < 0.6);
  assert.deepEqual(templates(sets), [0, 0, 0, 3, 4, 5]);
});

test('does not join texts that share less than the threshold', () => {
  const a = body(words(0, 50));
  const b = body(`${words(0, 25)} ${words(500, 25)}`);
  assert.ok(jaccard(a, b) > 0.2 && jaccard(a, b) < 0.6);
  assert.deepEqual(templates([a, b]), [0, 1]);
  assert.deepEqual(templates([a, a.slice()]), [0, 0]);
});

test('groups name each member by the first member of its group', () => {
  const g = new Groups(5);
  g.union(4, 2);
  g.union(2, 3);
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((i) => g.find(i)),
    [0, 1, 2, 2, 2],
  );
  assert.deepEqual(g.members(), [[0], [1], [2, 3, 4]]);
});
