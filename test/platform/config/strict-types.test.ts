// Numbers and booleans: TOML numbers and booleans in the file, text only from GRAPHSOC_* variables.
// Every such key of the whole schema is tried, so a key added later is covered without a line here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { z } from 'zod';
import { CONFIG, loadAppConfig } from '../../../src/app/config.js';
import { ConfigError } from '../../../src/platform/config/index.js';
import { nodeOf, toEnvSegment } from '../../../src/platform/config/schema-walk.js';
import { tempFile } from '../../helpers/tmp.js';

/** Number and boolean keys outside arrays, as [path, type]. */
function typedKeys(schema: z.ZodType, path: string[] = []): Array<[string[], 'number' | 'boolean']> {
  const node = nodeOf(schema);
  if (node.kind === 'object')
    return Object.entries(node.fields).flatMap(([k, v]) => typedKeys(v, [...path, k]));
  if (node.kind === 'leaf' && (node.type === 'number' || node.type === 'boolean')) return [[path, node.type]];
  return [];
}

const KEYS = typedKeys(CONFIG.schema);

/** A TOML file setting each key to `value(type)`, one table per parent path. */
function tomlOf(value: (type: 'number' | 'boolean') => string): string {
  const tables = new Map<string, string[]>();
  for (const [path, type] of KEYS) {
    const table = path.slice(0, -1).join('.');
    tables.set(table, [...(tables.get(table) ?? []), `${path[path.length - 1]} = ${value(type)}`]);
  }
  return [...tables].map(([t, lines]) => `[${t}]\n${lines.join('\n')}\n`).join('');
}

function problems(toml: string, env: NodeJS.ProcessEnv = {}) {
  const path = tempFile('graphsoc.toml', toml);
  try {
    loadAppConfig({ path, env });
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return { path, problems: e.problems, message: e.message };
  }
  return assert.fail('expected the configuration to be refused');
}

describe('numbers and booleans', () => {
  test('the schema has number and boolean keys in several sections', () => {
    const sections = new Set(KEYS.map(([p]) => p[0]));
    assert.ok(KEYS.length > 20, `${KEYS.length} keys`);
    for (const s of ['server', 'leases', 'health', 'relay', 'phishing']) assert.ok(sections.has(s), s);
  });

  test('quoted in the file, every one of them is refused, naming the file and the key', () => {
    const r = problems(tomlOf((type) => (type === 'number' ? '"8080"' : '"true"')));
    for (const [path, type] of KEYS) {
      const key = path.join('.');
      const p = r.problems.find((x) => x.key === key);
      assert.ok(p, `${key} was accepted as text: ${r.message}`);
      assert.equal(p.source, r.path);
      assert.equal(p.expected, `${type === 'number' ? 'a number' : 'true or false'}, written without quotes`);
      assert.equal(p.found, type === 'number' ? '"8080"' : '"true"');
    }
    assert.equal(r.problems.length, KEYS.length, r.message);
  });

  test('port = "8080" is refused with one line saying so', () => {
    const r = problems('[server]\nport = "8080"\n');
    assert.deepEqual(r.message.split('\n').slice(1), [
      `  ${r.path}: server.port: expected a number, written without quotes; found "8080"`,
    ]);
  });

  test('from GRAPHSOC_* variables, which are always text, each key takes the number or boolean it spells', () => {
    const env = Object.fromEntries(
      KEYS.map(([path, type]) => [
        `GRAPHSOC_${path.map(toEnvSegment).join('_')}`,
        type === 'number' ? ' 1e1 ' : 'TRUE',
      ]),
    );
    // 10 is out of range for some keys, and phishing.enabled wants mailboxes: none is left as text.
    const r = problems('', env);
    for (const p of r.problems) assert.ok(!p.found.startsWith('"'), `${p.key}: ${p.found}`);
    const { config } = loadAppConfig({
      path: tempFile('g.toml', ''),
      env: {
        GRAPHSOC_SERVER_PORT: '9000',
        GRAPHSOC_RELAY_CHECK_ANSWERS: 'true',
        GRAPHSOC_LEASES_TTL_SEC: '60',
      },
    });
    assert.deepEqual([config.server.port, config.relay.checkAnswers, config.leases.ttlSec], [9000, true, 60]);
  });

  test('a variable whose text spells no number or boolean is refused, naming the variable', () => {
    const r = problems('', { GRAPHSOC_SERVER_PORT: 'eighty', GRAPHSOC_RELAY_CHECK_ANSWERS: 'yes' });
    assert.deepEqual(
      r.problems.map((p) => [p.source, p.key, p.expected, p.found]),
      [
        ['env GRAPHSOC_RELAY_CHECK_ANSWERS', 'relay.checkAnswers', 'true or false', '"yes"'],
        ['env GRAPHSOC_SERVER_PORT', 'server.port', 'a number', '"eighty"'],
      ],
    );
  });
});
