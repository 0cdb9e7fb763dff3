#!/usr/bin/env node
// Builds the relay's AWS Lambda package: one esbuild bundle (dist/lambda/index.mjs, handler
// `index.handler`) and a zip of it (dist/lambda/graphsoc-relay.zip) ready to upload.
// Usage: node scripts/build-lambda.mjs [outDir]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { build } from 'esbuild';

const outDir = resolve(process.argv[2] ?? 'dist/lambda');
mkdirSync(outDir, { recursive: true });
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

await build({
  entryPoints: ['src/lambda.ts'],
  outfile: join(outDir, 'index.mjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  define: { 'process.env.GRAPHSOC_BUNDLED_VERSION': JSON.stringify(version) },
  // Some dependencies are CommonJS and call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __gsocRequire } from 'node:module'; const require = __gsocRequire(import.meta.url);",
  },
  // The relay needs no database; keep the native SQLite driver and pg out of the bundle.
  external: ['better-sqlite3', 'pg', 'pg-native'],
  logLevel: 'warning',
});

/** A minimal zip (deflate) of the given files: enough for Lambda, no dependency needed. */
function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of files) {
    const nameBuf = Buffer.from(name);
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBuf, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

const bundle = readFileSync(join(outDir, 'index.mjs'));
writeFileSync(join(outDir, 'graphsoc-relay.zip'), zip([{ name: 'index.mjs', data: bundle }]));
console.log(
  `${join(outDir, 'index.mjs')} (${(bundle.length / 1024 / 1024).toFixed(1)} MB) and graphsoc-relay.zip`,
);
