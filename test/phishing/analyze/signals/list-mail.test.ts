import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listDomains } from '../../../../src/phishing/analyze/signals/list-mail.js';
import { assertLinear, HOSTILE } from '../../../helpers/linear-time.js';
import { h, messageOf } from '../report-of.js';

test('a list names its domain in List-Id, List-Post and the older list headers', () => {
  const m = messageOf({
    headers: [
      h('List-Id', 'Users of the thing <users.lists.example.org>'),
      h('List-Post', '<mailto:users@lists.example.org>'),
      h('List-Unsubscribe', '<https://lists.example.org/u?x=1>, <mailto:leave@example.org>'),
    ],
  });
  assert.deepEqual([...listDomains(m)], ['example.org']);
  const old = messageOf({ headers: [h('Mailing-List', 'contact group-help@yahoogroups.com; run by ezmlm')] });
  assert.deepEqual([...listDomains(old)], ['yahoogroups.com']);
  const beenThere = messageOf({ headers: [h('X-BeenThere', 'exmh-workers@spamassassin.taint.org')] });
  assert.deepEqual([...listDomains(beenThere)], ['taint.org']);
});

test('mail without list headers names no list domain', () => {
  assert.deepEqual([...listDomains(messageOf())], []);
  assert.deepEqual([...listDomains(messageOf({ headers: [h('Reply-To', 'x@gmail.com')] }))], []);
});

test('list headers: linear on hostile shapes', async () => {
  await assertLinear(
    'listDomains',
    (v) => listDomains(messageOf({ headers: [h('List-Id', v), h('List-Post', v), h('Mailing-List', v)] })),
    [...HOSTILE, '<', 'a@b.c ', 'mailto:', 'https://a.example/ '],
  );
});
