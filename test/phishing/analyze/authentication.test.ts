import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAuthHeader } from '../../../src/phishing/analyze/auth-header.js';
import { analyzeReport } from '../../../src/phishing/analyze/index.js';
import type { AnalyzeOptions } from '../../../src/phishing/analyze/options.js';
import type { MailAddress } from '../../../src/phishing/parse/index.js';
import { assertLinear, HOSTILE } from '../../helpers/linear-time.js';
import { h, reportOf } from './report-of.js';

type Header = { name: string; value: string };
const FROM: MailAddress = { name: 'Fabrikam', address: 'billing@fabrikam.example' };
const analysisOf = (headers: Header[], options: AnalyzeOptions = {}, from: MailAddress | null = FROM) =>
  analyzeReport(reportOf({ headers, from }), options);
const authOf = (...headers: Header[]) => analysisOf(headers).auth;
const pick = (a: ReturnType<typeof authOf>) => [a.spf, a.dkim, a.dmarc, a.arc, a.compauth];
const reasons = (headers: Header[], options: AnalyzeOptions = {}) =>
  analysisOf(headers, options).verdict.reasons.map((r) => `${r.code}:${r.points}`);
const AR = (v: string) => h('Authentication-Results', v);
const ARC = (v: string) => h('ARC-Authentication-Results', v);

// Microsoft 365 writes its results without an authserv-id, in one header.
const M365 =
  'spf=fail (sender IP is 203.0.113.45; dkim=pass in a comment) smtp.mailfrom=evil.example; dkim=none (message not signed) header.d=none;dmarc=fail action=quarantine header.from=evil.example;compauth=fail reason=000';

test('a Microsoft 365 header gives every method with its properties, comments ignored', () => {
  const a = authOf(AR(M365));
  assert.deepEqual(pick(a), ['fail', 'none', 'fail', null, 'fail']);
  assert.deepEqual(a.sources, ['Authentication-Results']);
  assert.equal(a.compauthReason, '000');
  assert.equal(a.dmarcPolicy, 'quarantine');
  assert.deepEqual(a.authservIds, ['']);
  assert.deepEqual(a.details?.[0], {
    method: 'spf',
    result: 'fail',
    props: { 'smtp.mailfrom': 'evil.example' },
    source: 'Authentication-Results',
  });
  assert.deepEqual(a.details?.[2]?.props, { action: 'quarantine', 'header.from': 'evil.example' });
});

test('results split over several headers of the same authserv-id are all read', () => {
  const a = authOf(
    AR('mail.fabrikam-mx.example; arc=none'),
    AR('mail.fabrikam-mx.example; dkim=pass header.d=fabrikam.example header.s=s1'),
    AR('mail.fabrikam-mx.example; spf=softfail smtp.mailfrom=fabrikam.example'),
    AR('mail.fabrikam-mx.example; dmarc=pass (p=reject dis=none) header.from=fabrikam.example'),
  );
  assert.deepEqual(pick(a), ['softfail', 'pass', 'pass', 'none', null]);
  assert.equal(a.dmarcPolicy, 'reject');
  assert.equal(a.details?.length, 4);
});

test("a lower header of another authserv-id (a sender's forgery) is ignored", () => {
  const a = authOf(
    AR('mx.contoso.com; spf=fail smtp.mailfrom=evil.example; dmarc=fail'),
    AR('evil.example; spf=pass; dkim=pass header.d=fabrikam.example; dmarc=pass'),
  );
  assert.deepEqual(pick(a), ['fail', null, 'fail', null, null]);
  assert.deepEqual(a.authservIds, ['mx.contoso.com']);
});

test('an id-less header below the topmost one does not count', () => {
  const a = authOf(AR(M365), AR('spf=pass; dkim=pass header.d=evil.example; dmarc=pass'));
  assert.deepEqual(pick(a), ['fail', 'none', 'fail', null, 'fail']);
});

test('phishing.authservIds adds a gateway whose header sits below the topmost one', () => {
  const headers = [
    AR('mx.contoso.com; arc=pass'),
    AR('gw.contoso.example; spf=fail smtp.mailfrom=evil.example'),
  ];
  assert.equal(analysisOf(headers).auth.spf, null);
  const a = analysisOf(headers, { authservIds: ['GW.contoso.example'] }).auth;
  assert.equal(a.spf, 'fail');
  assert.deepEqual(a.authservIds, ['mx.contoso.com', 'gw.contoso.example']);
});

test('ARC-Authentication-Results of the highest instance fills gaps only for an own authserv-id', () => {
  const headers = [
    AR('mx.contoso.com; arc=pass (i=2)'),
    ARC('i=1; lists.example; spf=fail; dkim=fail; dmarc=fail'),
    ARC('i=2; relay.example; spf=pass; dkim=pass header.d=fabrikam.example; dmarc=pass'),
  ];
  assert.deepEqual(pick(analysisOf(headers).auth), [null, null, null, 'pass', null]);
  const a = analysisOf(headers, { authservIds: ['relay.example'] }).auth;
  assert.deepEqual(pick(a), ['pass', 'pass', 'pass', 'pass', null]);
  assert.deepEqual(a.sources, ['Authentication-Results', 'ARC-Authentication-Results']);
});

test("under Microsoft 365's id-less header, its own ARC results (mx.microsoft.com) count", () => {
  const arc = ARC(
    'i=2; mx.microsoft.com 1; spf=pass smtp.rcpttodomain=contoso.com; dkim=fail header.d=x.example; arc=fail (48)',
  );
  assert.equal(authOf(AR(M365), arc).arc, 'fail');
  assert.equal(authOf(AR('mx.contoso.com; spf=pass'), arc).arc, null);
});

test('our own header wins over what the ARC hop saw', () => {
  const a = analysisOf(
    [AR('mx.contoso.com; spf=fail'), ARC('i=1; mx.contoso.com; spf=pass; dmarc=fail')],
    {},
  ).auth;
  assert.deepEqual([a.spf, a.dmarc], ['fail', 'fail']);
});

test('DKIM: a pass of the From domain beats failures of unrelated signatures', () => {
  const a = authOf(
    AR(
      'mx.contoso.com; dkim=fail header.d=esp-mailer.example; dkim=pass header.d=mail.fabrikam.example; dkim=fail header.d=other.example',
    ),
  );
  assert.equal(a.dkim, 'pass');
  assert.equal(a.dkimAligned, true);
});

test('DKIM: a failure of the From domain beats a pass of an unrelated signature', () => {
  const a = authOf(
    AR('mx.contoso.com; dkim=pass header.d=esp-mailer.example; dkim=fail header.d=fabrikam.example'),
  );
  assert.equal(a.dkim, 'fail');
  assert.equal(a.dkimAligned, true);
});

test('DKIM: the first pass no longer hides a later failure of the From domain', () => {
  const a = authOf(
    AR('mx.contoso.com; dkim=pass header.i=@bulk.example; dkim=fail header.i=@fabrikam.example'),
  );
  assert.equal(a.dkim, 'fail');
});

test('DKIM: an unrelated pass beats unrelated failures; failures alone are a failure', () => {
  assert.equal(authOf(AR('mx; dkim=fail header.d=a.example; dkim=pass header.d=b.example')).dkim, 'pass');
  const failed = authOf(AR('mx; dkim=fail header.d=a.example; dkim=fail header.d=b.example'));
  assert.equal(failed.dkim, 'fail');
  assert.equal(failed.dkimAligned, false);
});

test('DKIM: a permerror next to a real result gives way to it', () => {
  assert.equal(authOf(AR('mx; dkim=permerror header.d=a.example; dkim=none')).dkim, 'none');
  assert.equal(authOf(AR('mx; dkim=temperror header.d=a.example')).dkim, 'temperror');
});

test('loose syntax: spaces around =, a missing semicolon, method versions, quoted reasons', () => {
  const a = authOf(
    AR(
      'mx.contoso.com 1; spf = pass smtp.mailfrom=fabrikam.example dkim/1=fail reason="bad signature; really" header.d=fabrikam.example',
    ),
  );
  assert.deepEqual([a.spf, a.dkim], ['pass', 'fail']);
  assert.equal(a.details?.[1]?.props.reason, 'bad signature; really');
});

test('an authserv-id with no results (`none`) gives nulls', () => {
  assert.deepEqual(pick(authOf(AR('mx.contoso.com; none'))), [null, null, null, null, null]);
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
  const a = authOf();
  assert.deepEqual(pick(a), [null, null, null, null, null]);
  assert.deepEqual(a.sources, []);
  assert.deepEqual(a.details, []);
});

test('the parser reads the ARC instance and the authserv-id', () => {
  assert.deepEqual(parseAuthHeader('i=3; mx.microsoft.com 1; spf=pass', true), {
    authservId: 'mx.microsoft.com',
    instance: 3,
    results: [{ method: 'spf', result: 'pass', props: {}, comment: '' }],
  });
  assert.equal(parseAuthHeader('spf=pass smtp.mailfrom=x').authservId, '');
  assert.equal(parseAuthHeader('(comment) "quoted.example"; spf=pass').authservId, 'quoted.example');
});

// The verdict rules for authentication.

test('permerror and temperror are "could not be evaluated", never a failure', () => {
  const r = reasons([AR('mx; spf=permerror; dkim=temperror; dmarc=permerror action=none')]);
  assert.deepEqual(r, []);
});

test('DMARC failure: 3 points under an enforced or unknown policy, 2 under p=none', () => {
  assert.deepEqual(reasons([AR('spf=none; dmarc=fail action=oreject header.from=x.example')]), [
    'AUTH_DMARC_FAIL:3',
  ]);
  assert.deepEqual(reasons([AR('mx; dmarc=fail (p=QUARANTINE sp=NONE dis=QUARANTINE)')]), [
    'AUTH_DMARC_FAIL:3',
  ]);
  assert.deepEqual(reasons([AR('mx; dmarc=fail')]), ['AUTH_DMARC_FAIL:3']);
  assert.deepEqual(reasons([AR('spf=none; dmarc=fail action=none header.from=x.example')]), [
    'AUTH_DMARC_FAIL:2',
  ]);
  assert.deepEqual(reasons([AR('spf=none; dmarc=fail action=pct.quarantine')]), ['AUTH_DMARC_FAIL:3']);
});

test('compauth=fail reason 001 (implicit) scores on its own', () => {
  assert.deepEqual(reasons([AR('spf=none; dkim=none; dmarc=none action=none; compauth=fail reason=001')]), [
    'AUTH_COMPAUTH_FAIL:2',
  ]);
});

test('compauth=fail reason 000 adds little to the DMARC failure it repeats, and counts alone', () => {
  assert.deepEqual(reasons([AR(M365)]), ['AUTH_SPF_FAIL:2', 'AUTH_DMARC_FAIL:3', 'AUTH_COMPAUTH_FAIL:1']);
  assert.deepEqual(reasons([AR('compauth=fail reason=000')]), ['AUTH_COMPAUTH_FAIL:3']);
});

test('compauth=fail for a spoofed own domain or a forbidden sender weighs 3', () => {
  for (const reason of ['002', '010', '601'])
    assert.deepEqual(reasons([AR(`compauth=fail reason=${reason}`)]), ['AUTH_COMPAUTH_FAIL:3'], reason);
});

test('compauth softfail scores 1; pass, softpass, none and bypass score nothing', () => {
  assert.deepEqual(reasons([AR('compauth=softfail reason=201')]), ['AUTH_COMPAUTH_SOFTFAIL:1']);
  for (const v of ['pass reason=100', 'softpass reason=201', 'none reason=405', 'none reason=905'])
    assert.deepEqual(reasons([AR(`compauth=${v}`)]), [], v);
});

test('compauth reasons are explained in the text', () => {
  const text = analysisOf([AR('compauth=fail reason=001')]).verdict.reasons[0]?.text ?? '';
  assert.match(text, /reason 001/);
  assert.match(text, /implicit/);
});

test('authentication headers: linear on every hostile shape', async () => {
  const units = [
    ...HOSTILE,
    'spf=',
    'a=',
    '=',
    '; ',
    'a-',
    ')',
    '(a',
    '((',
    '"',
    '\\',
    'dkim=pass ',
    'x.y=z ',
  ];
  await assertLinear('parseAuthHeader', parseAuthHeader, units);
  const one = (v: string) =>
    analysisOf([AR(v), AR(`mx; ${v}`), ARC(`i=1; mx; ${v}`)], { authservIds: ['mx'] });
  await assertLinear('authenticationResults', one, ['dkim=fail header.d=a.example; ', 'spf=', '(', '"', ';']);
});
