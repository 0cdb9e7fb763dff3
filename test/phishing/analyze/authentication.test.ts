import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeReport } from '../../../src/phishing/analyze/index.js';
import { h, reportOf } from './report-of.js';

const authOf = (...headers: Array<{ name: string; value: string }>) =>
  analyzeReport(reportOf({ headers })).auth;

test('Authentication-Results gives SPF, DKIM, DMARC and compauth, ignoring comments', () => {
  const a = authOf(
    h(
      'Authentication-Results',
      'spf=fail (sender IP is 203.0.113.45; dkim=pass in a comment) smtp.mailfrom=evil.example; dkim=none (message not signed) header.d=none;dmarc=fail action=quarantine header.from=evil.example;compauth=fail reason=000',
    ),
  );
  assert.deepEqual(a, {
    spf: 'fail',
    dkim: 'none',
    dmarc: 'fail',
    arc: null,
    compauth: 'fail',
    sources: ['Authentication-Results'],
  });
});

test('only the topmost Authentication-Results counts; a sender-added lower one is ignored', () => {
  const a = authOf(
    h('Authentication-Results', 'mx.contoso.com; spf=fail smtp.mailfrom=evil.example; dmarc=fail'),
    h('Authentication-Results', 'evil.example; spf=pass; dkim=pass; dmarc=pass'),
  );
  assert.equal(a.spf, 'fail');
  assert.equal(a.dkim, null);
});

test('ARC-Authentication-Results of the highest instance fills what our header lacks', () => {
  const a = authOf(
    h('Authentication-Results', 'mx.contoso.com; arc=pass (i=2)'),
    h('ARC-Authentication-Results', 'i=1; lists.example; spf=fail; dkim=fail; dmarc=fail'),
    h(
      'ARC-Authentication-Results',
      'i=2; relay.example; spf=pass; dkim=pass header.d=evil.example; dmarc=pass',
    ),
  );
  assert.deepEqual([a.spf, a.dkim, a.dmarc, a.arc], ['pass', 'pass', 'pass', 'pass']);
  assert.deepEqual(a.sources, ['Authentication-Results', 'ARC-Authentication-Results']);
});

test('Received-SPF is used when no Authentication-Results names SPF', () => {
  const a = authOf(
    h(
      'Received-SPF',
      'SoftFail (protection.outlook.com: domain of transitioning evil.example) client-ip=203.0.113.45',
    ),
  );
  assert.equal(a.spf, 'softfail');
  assert.deepEqual(a.sources, ['Received-SPF']);
});

test('no authentication headers give nulls, not failures', () => {
  assert.deepEqual(authOf(), { spf: null, dkim: null, dmarc: null, arc: null, compauth: null, sources: [] });
});
