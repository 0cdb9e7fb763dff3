import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger, secretScrubber } from '../../src/platform/log.js';
import { LogCapture } from '../helpers/log-capture.js';

const SECRET = 'Zx9~q8Q-s3cr3t.value"with\\quote';

describe('logger', () => {
  test('redacts secret-named fields at the top level and one level down', () => {
    const out = new LogCapture();
    const log = createLogger({ level: 'info', destination: out });
    log.info(
      {
        clientSecret: 'a-secret-1',
        headers: { authorization: 'Bearer abc.def' },
        tenant: { password: 'pw-123' },
      },
      'x',
    );
    assert.doesNotMatch(out.text, /a-secret-1|abc\.def|pw-123/);
    assert.match(out.text, /\[redacted\]/);
  });

  test('scrubs configured secret values wherever they appear, even in messages and errors', () => {
    const out = new LogCapture();
    const log = createLogger({ level: 'trace', destination: out, secrets: [SECRET] });
    log.info(`the secret is ${SECRET}`);
    log.warn({ err: new Error(`login failed with ${SECRET}`) }, 'failed');
    log.error({ nested: { deeper: { value: SECRET } } }, 'deep');
    log.debug({ url: `https://x/?s=${encodeURIComponent(SECRET)}` }, 'encoded');
    assert.equal(out.lines.length, 4);
    for (const line of out.lines) {
      assert.ok(!line.includes(SECRET), line);
      assert.ok(!line.includes(JSON.stringify(SECRET).slice(1, -1)), line);
      assert.ok(!line.includes(encodeURIComponent(SECRET)), line);
      assert.doesNotThrow(() => JSON.parse(line), 'lines stay valid JSON');
    }
  });

  test('ignores very short secrets rather than mangling ordinary text', () => {
    const scrub = secretScrubber(['ab']);
    assert.equal(scrub('about a tab'), 'about a tab');
  });

  test('prefers the longest secret when one contains another', () => {
    const scrub = secretScrubber(['abcd', 'abcdefgh']);
    assert.equal(scrub('x abcdefgh y'), 'x [redacted] y');
  });
});
