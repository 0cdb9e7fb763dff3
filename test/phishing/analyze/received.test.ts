import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseReceived } from '../../../src/phishing/analyze/received.js';

test('a Postfix Received line gives from, by, with, from-clause IPs and the timestamp', () => {
  const hop = parseReceived(
    'from [192.168.1.23] (unknown [198.51.100.7])\r\n\tby mail.evil.example (Postfix) with ESMTPSA id 4F2A1;\r\n\tTue,  3 Nov 2026 10:12:41 +0100 (CET)',
  );
  assert.deepEqual(hop, {
    from: '[192.168.1.23]',
    by: 'mail.evil.example',
    with: 'ESMTPSA',
    ips: ['192.168.1.23', '198.51.100.7'],
    timestamp: '2026-11-03T09:12:41.000Z',
  });
});

test('Exchange hops with IPv6 in the from clause; by-clause addresses are not taken', () => {
  const hop = parseReceived(
    'from AM0P.eurprd01.prod.outlook.com (2603:10a6:208:1::10) by DB9P.prod.outlook.com (2603:10a6:10:2::20) with Microsoft SMTP Server (version=TLS1_2) id 15.20.7; Tue, 3 Nov 2026 09:12:44 +0000',
  );
  assert.deepEqual(hop.ips, ['2603:10a6:208:1::10']);
  assert.equal(hop.by, 'DB9P.prod.outlook.com');
});

test('a Received line without from, or with a bad date, still parses', () => {
  assert.deepEqual(parseReceived('by localhost with LMTP; not a date'), {
    from: null,
    by: 'localhost',
    with: 'LMTP',
    ips: [],
    timestamp: null,
  });
  assert.deepEqual(parseReceived('').ips, []);
});
