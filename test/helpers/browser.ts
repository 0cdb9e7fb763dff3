// Headless Chromium through playwright-core, with the flags this closed network needs. The browser is
// GRAPHSOC_CHROMIUM when set, else Debian's /usr/bin/chromium when installed, else the Chromium that the
// @sparticuz/chromium package ships (unpacked to the temporary directory on first use), so the browser
// tests need nothing from apt.
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createBrotliDecompress } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const execFileAsync = promisify(execFile);

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Chromium {
  executablePath: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The package's Chromium is built for Amazon Linux and links NSS, NSPR and expat, which a bare Debian
 * lacks; the package ships them but unpacks them only on AWS. They go where it would put them there.
 */
async function bundledLibraries(binDir: string): Promise<string> {
  const root = join(tmpdir(), 'al2023');
  const lib = join(root, 'lib');
  if (existsSync(join(lib, 'libnss3.so'))) return lib;
  // Unpacked beside and renamed into place, so a test process never sees half a directory. tar reads a
  // file, not a pipe: it stops reading at the end-of-archive mark, which cut a piped copy short.
  const staging = mkdtempSync(join(tmpdir(), 'al2023-'));
  try {
    const archive = join(staging, 'al2023.tar');
    await pipeline(
      createReadStream(join(binDir, 'al2023.tar.br')),
      createBrotliDecompress(),
      createWriteStream(archive),
    );
    await execFileAsync('tar', ['-x', '-f', archive, '-C', staging]);
    rmSync(archive);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  try {
    renameSync(staging, root);
  } catch (e) {
    // Another test process was first; its copy is the same.
    if (!existsSync(join(lib, 'libnss3.so'))) throw e;
    rmSync(staging, { recursive: true, force: true });
  }
  return lib;
}

async function sparticuzChromium(): Promise<Chromium> {
  const { default: pack } = await import('@sparticuz/chromium');
  // The package finds its brotli files the same way: bin/ two levels above its entry point.
  const binDir = join(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '../../bin');
  // Also unpacks fonts.tar.br to <tmp>/fonts, whose fonts.conf names that directory.
  const executablePath = await pack.executablePath(binDir);
  const lib = await bundledLibraries(binDir);
  const ldPath = [lib, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  return {
    executablePath,
    env: { ...process.env, LD_LIBRARY_PATH: ldPath, FONTCONFIG_PATH: join(tmpdir(), 'fonts') },
  };
}

export async function findChromium(): Promise<Chromium> {
  const given = process.env.GRAPHSOC_CHROMIUM;
  if (given) return { executablePath: given };
  if (existsSync(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM };
  return sparticuzChromium();
}

export async function launchBrowser(): Promise<Browser> {
  const { executablePath, env } = await findChromium();
  return chromium.launch({ executablePath, headless: true, args: FLAGS, ...(env ? { env } : {}) });
}
