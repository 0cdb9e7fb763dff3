// The verdict on graphsoc's own signature checks: a failure of the From domain's signature scores, a
// DNS failure scores nothing, and a verdict of our own replaces the header's for the same method.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeReport, type VerifiedSignatures } from '../../../src/phishing/analyze/index.js';
import { h, reportOf } from './report-of.js';

const header = (dkim: string, arc = 'none') =>
  h('Authentication-Results', `spf=pass; dkim=${dkim} header.d=fabrikam.example; dmarc=pass; arc=${arc}`);

const checked = (over: Partial<VerifiedSignatures> = {}): VerifiedSignatures => ({
  status: 'verified',
  note: null,
  dkim: [],
  arc: null,
  ...over,
});

const sig = (
  result: 'pass' | 'fail' | 'permerror' | 'temperror',
  domain = 'fabrikam.example',
  why: string | null = null,
) => ({
  domain,
  selector: 's1',
  algorithm: 'rsa-sha256',
  result,
  why,
});

const codes = (headers: ReturnType<typeof h>[], signatures?: VerifiedSignatures) =>
  analyzeReport(reportOf({ headers }), {}, signatures ? { signatures } : {}).verdict.reasons.map((r) => [
    r.code,
    r.points,
  ]);

test("a From domain's signature that fails our own check scores DKIM_SIGNATURE_INVALID instead of AUTH_DKIM_FAIL", () => {
  assert.deepEqual(
    codes([header('fail')], checked({ dkim: [sig('fail', 'mail.fabrikam.example', 'body-hash')] })),
    [['DKIM_SIGNATURE_INVALID', 3]],
  );
});

test('our own pass of the From domain outranks a failure in the header', () => {
  assert.deepEqual(codes([header('fail')], checked({ dkim: [sig('pass')] })), []);
});

test('a temperror or permerror of our own scores nothing and leaves the header its say', () => {
  for (const r of ['temperror', 'permerror'] as const)
    assert.deepEqual(codes([header('fail')], checked({ dkim: [sig(r)] })), [['AUTH_DKIM_FAIL', 2]]);
  assert.deepEqual(codes([header('fail')], checked({ status: 'temperror', note: 'budget' })), [
    ['AUTH_DKIM_FAIL', 2],
  ]);
});

test('a failure of a signature that passed at receipt weighs 1: the copy changed on its way, most likely', () => {
  const reasons = analyzeReport(
    reportOf({ headers: [header('pass')] }),
    {},
    { signatures: checked({ dkim: [sig('fail', 'fabrikam.example', 'signature')] }) },
  ).verdict.reasons;
  assert.deepEqual(
    reasons.map((r) => [r.code, r.points]),
    [['DKIM_SIGNATURE_INVALID', 1]],
  );
  assert.match(reasons[0]?.text ?? '', /recorded a pass at receipt/);
});

test("another domain's failing signature gives no reason", () => {
  assert.deepEqual(codes([header('pass')], checked({ dkim: [sig('fail', 'esp.example', 'body-hash')] })), []);
});

test('an ARC chain that fails our own check scores ARC_CHAIN_INVALID instead of AUTH_ARC_FAIL', () => {
  const arc = { result: 'fail' as const, instance: 2, why: 'i=2 no valid signature' };
  assert.deepEqual(codes([header('pass', 'fail')], checked({ arc })), [['ARC_CHAIN_INVALID', 1]]);
  const pass = { result: 'pass' as const, instance: 2, why: null };
  assert.deepEqual(codes([header('pass', 'fail')], checked({ arc: pass })), []);
});

test('the analysis keeps the verification it was given', () => {
  const signatures = checked({ dkim: [sig('pass')] });
  assert.deepEqual(analyzeReport(reportOf(), {}, { signatures }).signatures, signatures);
  assert.equal(analyzeReport(reportOf()).signatures, undefined);
});
