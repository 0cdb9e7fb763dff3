// When a report is close enough to a campaign's report to join it, and what the incident says why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type TemplateSignature, templateSignature } from '../../../src/phishing/analyze/template/index.js';
import { campaignAliases, similarityKeys } from '../../../src/phishing/campaigns/aliases.js';
import {
  type Closeness,
  closeness,
  decide,
  similarityPolicySchema,
} from '../../../src/phishing/campaigns/similarity.js';

const policy = similarityPolicySchema.parse(undefined);
const near: Closeness = {
  body: null,
  links: null,
  sameSubject: false,
  sameDisplayName: false,
  sameSender: false,
};

test('defaults, and a policy whose evidence threshold is above the body threshold is refused', () => {
  assert.deepEqual(policy, { body: 0.6, bodyWithEvidence: 0.4, minWords: 12, links: 0.5 });
  const bad = similarityPolicySchema.safeParse({ body: 0.5, bodyWithEvidence: 0.7 });
  assert.equal(bad.success, false);
  assert.match(JSON.stringify(bad.error?.issues), /bodyWithEvidence/);
  assert.equal(similarityPolicySchema.safeParse({ bodies: 0.5 }).success, false, 'unknown keys are refused');
});

test('a body similar enough joins on its own', () => {
  const d = decide({ ...near, body: 0.72 }, policy);
  assert.equal(d.join, true);
  assert.equal(d.because, 'body 0.72 similar');
});

test('a somewhat similar body joins only with the same links, subject or display name', () => {
  assert.equal(decide({ ...near, body: 0.45 }, policy).join, false);
  assert.equal(
    decide({ ...near, body: 0.45, sameSender: true }, policy).join,
    false,
    'sender alone is no evidence',
  );
  for (const evidence of [{ links: 0.6 }, { sameSubject: true }, { sameDisplayName: true }]) {
    const d = decide({ ...near, body: 0.45, ...evidence }, policy);
    assert.equal(d.join, true, JSON.stringify(evidence));
  }
  assert.equal(decide({ ...near, body: 0.45, links: 0.3 }, policy).join, false, 'links below the threshold');
  assert.equal(decide({ ...near, body: 0.2, sameSubject: true, links: 1 }, policy).join, false);
  assert.equal(
    decide({ ...near, body: 0.45, links: 1, sameSubject: true }, policy).because,
    'body 0.45 similar, same link skeletons, same subject pattern',
  );
});

test('bodies too short to compare join only on subject with links, or subject, name and sender', () => {
  assert.equal(decide({ ...near, sameSubject: true }, policy).join, false);
  assert.equal(decide({ ...near, sameSubject: true, links: 1 }, policy).join, true);
  assert.equal(decide({ ...near, sameSubject: true, sameDisplayName: true }, policy).join, false);
  assert.equal(
    decide({ ...near, sameSubject: true, sameDisplayName: true, sameSender: true }, policy).join,
    true,
  );
  assert.equal(decide({ ...near, links: 1, sameDisplayName: true, sameSender: true }, policy).join, false);
});

test('closer candidates score higher', () => {
  assert.ok(decide({ ...near, body: 0.9 }, policy).score > decide({ ...near, body: 0.7 }, policy).score);
  assert.ok(
    decide({ ...near, body: 0.7, sameSubject: true }, policy).score >
      decide({ ...near, body: 0.7 }, policy).score,
  );
});

const sig = (text: string, over: Partial<TemplateSignature> = {}): TemplateSignature => ({
  ...templateSignature({
    text,
    subject: 'hello',
    displayName: '',
    sender: 'gmail.com',
    urls: [],
    recipient: null,
  }),
  ...over,
});

test('two unrelated scams from gmail.com saying hello with no link stay apart', () => {
  const a = sig(
    'Hello dear, I am a widow with a large inheritance to share with you, reply for details of the transfer.',
  );
  const b = sig(
    'Hello, I saw your profile and would like to offer you a remote job with a good salary, reply now.',
  );
  const c = closeness(a, b, policy);
  assert.equal(c.sameSubject, true);
  assert.equal(c.sameSender, true);
  assert.equal(decide(c, policy).join, false);
  const short = closeness(sig('Hello'), sig('Hello'), policy);
  assert.equal(short.body, null, 'one word is too short to compare');
  assert.equal(decide(short, policy).join, false);
});

test('similarity keys: bands only for bodies long enough, links and subject hashed, nothing readable', () => {
  const long = sig('word '.repeat(5) + 'a b c d e f g h i j k l m n o p', {
    urls: ['evil.example/r/*'],
    subject: 'invoice',
  });
  const keys = similarityKeys(long, policy.minWords);
  assert.equal(keys.filter((k) => k.startsWith('lsh:')).length, 20);
  assert.equal(keys.filter((k) => k.startsWith('lnk:')).length, 1);
  assert.equal(keys.filter((k) => k.startsWith('sub:')).length, 1);
  assert.ok(!keys.join(' ').includes('evil') && !keys.join(' ').includes('invoice'));
  assert.equal(similarityKeys(sig('Hello', { subject: '' }), policy.minWords).length, 0);
  // The exact aliases are unchanged by the template.
  assert.deepEqual(
    campaignAliases({
      messageId: null,
      senderDomain: 'x.example',
      subject: 's',
      urlFingerprint: null,
      template: long,
    }),
    campaignAliases({ messageId: null, senderDomain: 'x.example', subject: 's', urlFingerprint: null }),
  );
});
