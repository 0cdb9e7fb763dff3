// `[accounts]` alone: its defaults, bounds and cross-field checks, every problem named at its key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAccountsConfig } from '../../src/accounts/config.js';
import { AccountsConfigError, errors } from '../../src/accounts/errors.js';
import { compileTemplate } from '../../src/accounts/policy/templates.js';
import { normaliseAddress } from '../../src/accounts/policy/address.js';
import { isEligible } from '../../src/accounts/policy/eligibility.js';
import { previewAccountName } from '../../src/accounts/policy/upn.js';

const template = (over: Record<string, unknown> = {}) => ({
  name: 'students',
  domains: ['stud.example.edu'],
  upnDomain: 'students.example.onmicrosoft.com',
  usageLocation: 'de',
  ...over,
});
const valid = (over: Record<string, unknown> = {}) => ({
  upnDomains: ['students.example.onmicrosoft.com'],
  templates: [template()],
  ...over,
});

const problems = (input: unknown): string[] => {
  try {
    parseAccountsConfig(input);
  } catch (e) {
    if (e instanceof AccountsConfigError) return [...e.problems];
    throw e;
  }
  return [];
};

test('an empty section is off with the documented defaults', () => {
  const c = parseAccountsConfig(undefined);
  assert.equal(c.enabled, false);
  assert.deepEqual(c.templates, []);
  assert.equal(c.upnMaxTries, 50);
  assert.deepEqual(c.verification, { codeLifetimeMinutes: 15, linkLifetimeMinutes: 60, codeAttempts: 5 });
  assert.deepEqual(c.rateLimits, {
    perAddress: { max: 3, windowMinutes: 60 },
    perIp: { max: 20, windowMinutes: 60 },
  });
  assert.equal(c.groups.allowCreate, false);
  assert.equal(c.groups.m365.maxLength, 120);
  assert.ok(Object.isFrozen(c) && Object.isFrozen(c.rateLimits.perIp));
});

test('a template takes its defaults and upper-cases the usage location', () => {
  const t = parseAccountsConfig(valid()).templates[0];
  assert.ok(t);
  assert.equal(t.usageLocation, 'DE');
  assert.equal(t.upnPattern, '{given}.{surname}');
  assert.equal(t.approvalRequired, true);
  assert.equal(t.credential, 'temporary-access-pass');
  assert.equal(t.accountLifetimeDays, undefined);
  assert.deepEqual(t.licences, []);
});

test('a complete enabled configuration validates and compiles into a working template', () => {
  const c = parseAccountsConfig(
    valid({
      enabled: true,
      tenant: 'main',
      mail: { sender: 'accounts@example.edu' },
      templates: [
        template({
          patterns: ['st*@campus.example.edu'],
          licences: ['STANDARDWOFFPACK_STUDENT', 'Microsoft_365_E5_(no_Teams)'],
          groups: ['0b5d8e8a-2f6c-4f4e-9c35-3b1f1c1d2e3f'],
          accountLifetimeDays: 365,
          approvalRequired: false,
          credential: 'one-time-view',
          upnPattern: '{initial}{surname}',
        }),
      ],
    }),
  );
  const t = compileTemplate(c.templates[0]!);
  assert.ok(isEligible(normaliseAddress('ST1234@campus.example.edu'), t.eligibility));
  assert.deepEqual(previewAccountName({ given: 'Émile', surname: 'Zola' }, t.upn), {
    ok: true,
    upn: 'ezola@students.example.onmicrosoft.com',
    mailNickname: 'ezola',
  });
});

test('cross-field checks name each problem at its key', () => {
  const got = problems({
    enabled: true,
    upnDomains: ['students.example.onmicrosoft.com'],
    templates: [
      template({ upnDomain: 'other.example.edu' }),
      template({ domains: [], patterns: [] }),
      template({ name: 'b', upnPattern: '{first}.{last}', patterns: ['(a+)+@x.edu'] }),
    ],
    groups: { m365: { prefix: '{manager}' } },
  });
  const has = (s: string) =>
    assert.ok(
      got.some((p) => p.includes(s)),
      `${s} in ${got.join(' | ')}`,
    );
  has('accounts.templates.0.upnDomain: other.example.edu is not one of accounts.upnDomains');
  has('accounts.templates.1.name: template students is named twice');
  has('accounts.templates.1.domains: template students needs domains or patterns');
  has('accounts.templates.2.upnPattern');
  has('accounts.templates.2.patterns');
  has('accounts.groups.m365');
  has('accounts.mail.sender: is needed when enabled');
  has('accounts.tenant: is needed when enabled');
});

test('bounds and formats are enforced', () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [valid({ templates: [template({ usageLocation: 'UK' })] }), 'usageLocation'],
    [valid({ templates: [template({ usageLocation: 'EU' })] }), 'usageLocation'],
    [valid({ templates: [template({ usageLocation: 'DEU' })] }), 'usageLocation'],
    [valid({ templates: [template({ name: 'Students!' })] }), 'name'],
    [valid({ templates: [template({ licences: ['A1; DROP'] })] }), 'licences'],
    [valid({ templates: [template({ groups: ['not-a-guid'] })] }), 'groups'],
    [valid({ templates: [template({ accountLifetimeDays: 0 })] }), 'accountLifetimeDays'],
    [valid({ templates: [template({ credential: 'password-mail' })] }), 'credential'],
    [valid({ templates: [template({ domains: ['not a domain'] })] }), 'templates.0.patterns'],
    [valid({ upnDomains: [`${'d'.repeat(50)}.edu`] }), 'upnDomains.0'],
    [valid({ upnMaxTries: 0 }), 'upnMaxTries'],
    [valid({ verification: { codeLifetimeMinutes: 0 } }), 'codeLifetimeMinutes'],
    [valid({ rateLimits: { perIp: { max: 0 } } }), 'perIp.max'],
    [valid({ retention: { auditDays: 7 } }), 'auditDays'],
    [valid({ mail: { sender: '"x"@example.edu' } }), 'mail.sender'],
    [valid({ groups: { security: { minLength: 60, maxLength: 50 } } }), 'minLength'],
    [valid({ groups: { m365: { prefix: 'x'.repeat(50), maxLength: 50 } } }), 'maxLength'],
    [valid({ unknownKey: true }), 'unknownKey'],
    [valid({ templates: [template({ extra: 1 })] }), 'extra'],
  ];
  for (const [input, key] of cases) {
    const got = problems(input);
    assert.ok(
      got.some((p) => p.includes(key)),
      `${key} expected in: ${got.join(' | ') || '(accepted)'}`,
    );
  }
});

test('IDN domains are accepted and compared in punycode', () => {
  const c = parseAccountsConfig(
    valid({
      upnDomains: ['Uni-München.de'],
      templates: [template({ upnDomain: 'uni-münchen.de', domains: ['Stud.Uni-München.de'] })],
    }),
  );
  const t = compileTemplate(c.templates[0]!);
  assert.equal(t.upn.domain, 'xn--uni-mnchen-eeb.de');
  assert.ok(isEligible(normaliseAddress('a@stud.uni-münchen.de'), t.eligibility));
});

test('every code of the catalogue is GSOC_ACCOUNTS_* with a cause and a fix, none twice', () => {
  const codes = Object.values(errors).map((e) => e.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const [key, e] of Object.entries(errors)) {
    assert.equal(e.code, `GSOC_ACCOUNTS_${key}`);
    assert.ok(e.summary.length > 20 && e.fix.length > 20, key);
  }
});
