// The accounts pages' texts: every id in English and German, with the same placeholders, and every
// id the pages ask for present.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { messages } from '../../../src/accounts/console/messages.js';
import { REQUEST_KINDS, REQUEST_STATES, STEPS } from '../../../src/accounts/model/request.js';
import { missingTexts } from '../../../src/console/translate.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('accounts console texts', () => {
  test('every id has an English and a German text with the same placeholders', () => {
    assert.deepEqual(missingTexts(messages), []);
    for (const [id, en] of Object.entries(messages.en))
      assert.deepEqual(placeholders(messages.de[id] ?? ''), placeholders(en), id);
  });

  test('every id the pages name, and every state, step, kind and source, has a text', () => {
    const dir = new URL('../../../src/accounts/console/', import.meta.url);
    const asked = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && n !== 'messages.ts'))
      for (const m of readFileSync(new URL(f, dir), 'utf8').matchAll(/\bt\(\s*'([a-zA-Z.-]+)'/g))
        asked.add(m[1] as string);
    for (const s of REQUEST_STATES) asked.add(`state.${s}`);
    for (const s of STEPS) asked.add(`step.${s}`);
    for (const k of REQUEST_KINDS) asked.add(`kind.${k}`);
    for (const s of ['portal', 'import', 'console']) asked.add(`source.${s}`);
    for (const p of ['requests', 'imports', 'audit', 'expiry']) asked.add(`${p}.title`);
    assert.deepEqual(
      [...asked].filter((id) => !Object.hasOwn(messages.en, id)),
      [],
    );
  });
});
