import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { consoleHref, drawCell, externalHref, formatTime, MAX_CELL } from '../../src/console/cells.js';

describe('console cells', () => {
  test('a string is text, cut at the limit', () => {
    assert.deepEqual(drawCell('hello', 'en'), { kind: 'text', text: 'hello', code: false });
    const long = drawCell('x'.repeat(MAX_CELL * 3), 'en');
    assert.equal(long.kind, 'text');
    assert.equal((long as { text: string }).text.length, MAX_CELL + 1);
  });

  test('console links must be paths on the console', () => {
    for (const ok of ['/phishing', '/phishing/campaigns/a%2Fb?x=1', '/'])
      assert.equal(consoleHref(ok), ok, ok);
    assert.equal(consoleHref('/a b'), '/a%20b', 'as a browser would request it');
    for (const bad of [
      '//evil.example/x',
      'https://evil.example/',
      'javascript:alert(1)',
      '/\\evil.example',
      'phishing',
      '/a\nb',
      '/a\tb',
      '',
    ])
      assert.equal(consoleHref(bad), undefined, bad);
  });

  test('outside links must be https without credentials', () => {
    assert.equal(externalHref('https://archer.example/apps/x?id=1'), 'https://archer.example/apps/x?id=1');
    for (const bad of [
      'http://archer.example/',
      'javascript:alert(1)',
      'https://u:p@archer.example/',
      'data:text/html,x',
      'not a url',
    ])
      assert.equal(externalHref(bad), undefined, bad);
  });

  test('a link that fails its check is shown as text', () => {
    assert.deepEqual(drawCell({ text: 'x', href: 'javascript:alert(1)' }, 'en'), {
      kind: 'text',
      text: 'x',
      code: false,
    });
    assert.deepEqual(drawCell({ text: 'x', href: 'http://a/', external: true }, 'en'), {
      kind: 'text',
      text: 'x',
      code: false,
    });
    assert.equal(drawCell({ text: 'x', href: '/ok' }, 'en').kind, 'link');
  });

  test('times are shown in UTC in the locale, with their ISO form kept; a bad time is text', () => {
    const c = drawCell({ text: '2026-12-06T15:04:05Z', time: true }, 'de');
    assert.equal(c.kind, 'time');
    assert.equal((c as { iso: string }).iso, '2026-12-06T15:04:05.000Z');
    assert.match((c as { text: string }).text, /06\.12\.2026.*15:04 UTC/);
    assert.match(formatTime(new Date('2026-12-06T15:04:05Z'), 'en'), /6 Dec 2026.*15:04 UTC/);
    assert.deepEqual(drawCell({ text: 'yesterday', time: true }, 'en'), {
      kind: 'text',
      text: 'yesterday',
      code: false,
    });
  });

  test('lists nest and are bounded', () => {
    const c = drawCell(
      { list: Array.from({ length: 500 }, (_, i) => ({ text: String(i), code: true })) },
      'en',
    );
    assert.equal(c.kind, 'list');
    assert.equal((c as { items: unknown[] }).items.length, 200);
  });

  test('tones and code survive', () => {
    assert.deepEqual(drawCell({ text: 'phish', tone: 'bad' }, 'en'), {
      kind: 'text',
      text: 'phish',
      code: false,
      tone: 'bad',
    });
    assert.deepEqual(drawCell({ text: 'abc', code: true }, 'en'), { kind: 'text', text: 'abc', code: true });
  });
});
