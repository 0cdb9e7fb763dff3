import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toConfidence, toDisposition, toSeverity } from '../../../src/relay/ctim/index.js';

const HOSTILE: unknown[] = [
  undefined,
  null,
  {},
  [],
  ['high'],
  Symbol('high'),
  () => 'high',
  10n,
  true,
  Number.NaN,
];

test('toSeverity maps each CTIM severity in any case and spacing', () => {
  assert.equal(toSeverity('high'), 'High');
  assert.equal(toSeverity('HIGH'), 'High');
  assert.equal(toSeverity('  Medium '), 'Medium');
  assert.equal(toSeverity('low'), 'Low');
  assert.equal(toSeverity('critical'), 'Critical');
  assert.equal(toSeverity('none'), 'None');
  assert.equal(toSeverity('Info'), 'Info');
});

test("toSeverity knows Graph's informational and MDE's UnSpecified", () => {
  assert.equal(toSeverity('informational'), 'Info');
  assert.equal(toSeverity('Informational'), 'Info');
  assert.equal(toSeverity('UnSpecified'), 'Unknown');
  assert.equal(toSeverity('unknown'), 'Unknown');
});

test('toSeverity turns anything else into Unknown instead of throwing', () => {
  for (const x of [
    ...HOSTILE,
    'unknownFutureValue',
    'severe',
    '',
    3,
    'constructor',
    '__proto__',
    'toString',
  ]) {
    assert.equal(toSeverity(x), 'Unknown', String(typeof x === 'symbol' ? 'symbol' : x));
  }
});

test('toConfidence maps words in any case', () => {
  assert.equal(toConfidence('high'), 'High');
  assert.equal(toConfidence('MEDIUM'), 'Medium');
  assert.equal(toConfidence('Low'), 'Low');
  assert.equal(toConfidence('info'), 'Info');
  assert.equal(toConfidence('none'), 'None');
});

test('toConfidence bands a 0..100 percentage as the Graph seed does', () => {
  assert.equal(toConfidence(0), 'Low');
  assert.equal(toConfidence(33), 'Low');
  assert.equal(toConfidence(34), 'Medium');
  assert.equal(toConfidence(66), 'Medium');
  assert.equal(toConfidence(67), 'High');
  assert.equal(toConfidence(100), 'High');
  assert.equal(toConfidence(101), 'Unknown');
  assert.equal(toConfidence(-1), 'Unknown');
  assert.equal(toConfidence(Number.POSITIVE_INFINITY), 'Unknown');
});

test('toConfidence turns missing or odd values into Unknown', () => {
  for (const x of [...HOSTILE, 'critical', 'sure', '', '50', 'hasOwnProperty']) {
    assert.equal(toConfidence(x), 'Unknown');
  }
});

test('toDisposition returns the matching number and name', () => {
  assert.deepEqual(toDisposition('malicious'), { disposition: 2, disposition_name: 'Malicious' });
  assert.deepEqual(toDisposition('SUSPICIOUS'), { disposition: 3, disposition_name: 'Suspicious' });
  assert.deepEqual(toDisposition('Clean'), { disposition: 1, disposition_name: 'Clean' });
  assert.deepEqual(toDisposition(' common '), { disposition: 4, disposition_name: 'Common' });
  assert.deepEqual(toDisposition(4), { disposition: 4, disposition_name: 'Common' });
});

test('toDisposition falls back to 5 Unknown', () => {
  for (const x of [...HOSTILE, 'benign', 'bad', '', 0, 6, 1.5, '2', 'constructor', '__proto__']) {
    assert.deepEqual(toDisposition(x), { disposition: 5, disposition_name: 'Unknown' });
  }
});
