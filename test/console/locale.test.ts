import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { localeOf } from '../../src/console/locale.js';
import { CONSOLE_MESSAGES } from '../../src/console/messages.js';
import { missingTexts, translator } from '../../src/console/translate.js';
import { INTEL_MESSAGES } from '../../src/intel/run/console-messages.js';

describe('console language', () => {
  test('the chosen language wins over the browser', () => {
    assert.equal(localeOf('graphsoc-lang=de', 'en-US,en;q=0.9'), 'de');
    assert.equal(localeOf('a=1; graphsoc-lang=en; b=2', 'de-DE'), 'en');
  });

  test('Accept-Language by q, then order; unknown languages skipped', () => {
    assert.equal(localeOf(undefined, 'de-DE,de;q=0.9,en;q=0.8'), 'de');
    assert.equal(localeOf(undefined, 'fr-FR, de;q=0.5, en;q=0.7'), 'en');
    assert.equal(localeOf(undefined, 'fr, it'), 'en');
    assert.equal(localeOf(undefined, 'de;q=0, en;q=0.1'), 'en');
    assert.equal(localeOf(undefined, undefined), 'en');
    assert.equal(localeOf('graphsoc-lang=xx', 'de'), 'de');
  });

  test('a hostile header is cut, not parsed for long', () => {
    assert.equal(localeOf(undefined, `${'x,'.repeat(100_000)}de`), 'en');
    assert.equal(localeOf(undefined, 'de;q=abc'), 'de', 'a q that is not a number is taken as 1');
  });
});

describe('console texts', () => {
  test('fills in values, falls back to English, then to the id', () => {
    const t = translator({ en: { a: 'Hello {name}', b: 'only en' }, de: { a: 'Hallo {name}' } }, 'de');
    assert.equal(t('a', { name: 'Ada' }), 'Hallo Ada');
    assert.equal(t('b'), 'only en');
    assert.equal(t('c'), 'c');
    assert.equal(t('a', {}), 'Hallo {name}');
    assert.equal(t('a', { name: '{name}$&' }), 'Hallo {name}$&');
  });

  test('every catalogue has each text in English and German', () => {
    for (const [name, m] of Object.entries({ console: CONSOLE_MESSAGES, intel: INTEL_MESSAGES }))
      assert.deepEqual(missingTexts(m), [], name);
  });
});
