import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { z } from 'zod';
import { CONFIG } from '../../../src/app/config.js';
import { nodeOf } from '../../../src/platform/config/schema-walk.js';

function leafKeys(schema: z.ZodType, prefix: string): string[] {
  const node = nodeOf(schema);
  if (node.kind === 'object') {
    return Object.entries(node.fields).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
  }
  if (node.kind === 'array') return leafKeys(node.element, `${prefix}[]`);
  return [prefix];
}

test('docs/configuration.md documents every configuration key and no key that does not exist', () => {
  const doc = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
  const keys = leafKeys(CONFIG.schema, '');
  assert.ok(keys.length > 15, `walked only ${keys.length} keys`);
  for (const k of keys) assert.ok(doc.includes(`| \`${k}\``), `docs/configuration.md lacks a row for ${k}`);
  const documented = [...doc.matchAll(/^\| `([a-zA-Z[\].]+)` \|/gm)].map((m) => m[1]);
  for (const d of documented)
    assert.ok(keys.includes(d ?? ''), `docs/configuration.md documents ${d}, which is not a key`);
});
