import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { discoverInputs } from '../../../src/phishing/analyze-files/walk.js';
import { tempDir } from '../../helpers/tmp.js';

function tree(): string {
  const d = tempDir();
  mkdirSync(join(d, 'b/deep'), { recursive: true });
  mkdirSync(join(d, 'a'));
  for (const f of ['z.eml', 'a/Y.EML', 'a/x.Msg', 'b/deep/w.eml', 'notes.txt', 'b/readme.md'])
    writeFileSync(join(d, f), 'x');
  return d;
}

test('a directory yields its .eml and .msg files, any letter case, recursively, sorted', () => {
  const d = tree();
  const files = discoverInputs([d]).map((i) => i.file);
  assert.deepEqual(files, [
    join(d, 'a/Y.EML'),
    join(d, 'a/x.Msg'),
    join(d, 'b/deep/w.eml'),
    join(d, 'z.eml'),
  ]);
});

test('a symlink loop is walked once and a linked file is followed', () => {
  const d = tree();
  symlinkSync(d, join(d, 'b/deep/loop'));
  symlinkSync(join(d, 'z.eml'), join(d, 'link.eml'));
  symlinkSync(join(d, 'missing.eml'), join(d, 'dangling.eml'));
  const inputs = discoverInputs([d]);
  assert.deepEqual(
    inputs.map((i) => [i.kind, i.file]),
    [
      ['file', join(d, 'a/Y.EML')],
      ['file', join(d, 'a/x.Msg')],
      ['file', join(d, 'b/deep/w.eml')],
      ['unreadable', join(d, 'dangling.eml')],
      ['file', join(d, 'link.eml')],
      ['file', join(d, 'z.eml')],
    ],
  );
});

test('arguments keep their order; a named file counts whatever its name; - is stdin', () => {
  const d = tree();
  const inputs = discoverInputs([join(d, 'notes.txt'), '-', join(d, 'nope.eml'), join(d, 'b')]);
  assert.deepEqual(
    inputs.map((i) => [i.kind, i.file]),
    [
      ['file', join(d, 'notes.txt')],
      ['stdin', '-'],
      ['unreadable', join(d, 'nope.eml')],
      ['file', join(d, 'b/deep/w.eml')],
    ],
  );
  const missing = inputs[2];
  assert.equal(missing?.kind === 'unreadable' && missing.detail, 'ENOENT: no such file or directory');
});
