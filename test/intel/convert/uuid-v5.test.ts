// UUIDv5 against published vectors, and the STIX ids derived from it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INDICATOR_NAMESPACE, stixId, uuidV5 } from '../../../src/intel/index.js';
import { indicator } from '../fixtures.js';

const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const URL_NS = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

test('matches the RFC 9562 test vector and other published ones', () => {
  // RFC 9562 Appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
  assert.equal(uuidV5(DNS, 'www.example.com'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  // Python's documented example: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org').
  assert.equal(uuidV5(DNS, 'python.org'), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
  assert.equal(uuidV5(DNS.toUpperCase(), 'python.org'), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
});

test('sets version 5 and the RFC variant, whatever the name', () => {
  for (const name of ['', 'a', 'é', '🙂', 'x'.repeat(5000), 'trustar|url|http://evil.example/\'"\\'])
    assert.match(
      uuidV5(URL_NS, name),
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  assert.notEqual(uuidV5(URL_NS, 'a'), uuidV5(DNS, 'a'));
  assert.throws(() => uuidV5('not-a-uuid', 'a'), TypeError);
});

test('an indicator has one STIX id: from source, type and normalised value, nothing else', () => {
  const a = indicator({ value: 'Evil.Test-Feed.NET', score: 10, tags: ['x'] });
  const b = indicator({ value: 'evil.test-feed.net.', score: 90, tlp: 'red', sourceRef: 'other' });
  assert.equal(stixId(a), stixId(b));
  assert.equal(stixId(a), `indicator--${uuidV5(INDICATOR_NAMESPACE, 'trustar|domain|evil.test-feed.net')}`);
  assert.notEqual(stixId(a), stixId(indicator({ value: 'evil.test-feed.net', source: 'taxii' })));
  assert.notEqual(stixId(a), stixId(indicator({ type: 'url', value: 'http://evil.test-feed.net/x' })));
});
