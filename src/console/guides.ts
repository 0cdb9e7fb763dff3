// The operator guides (docs/*.md) as the admin listener serves them: read once at start from the
// repository's docs/ folder, so a guide is one of those files and no request names another path.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Guide {
  /** File name, e.g. `phishing.md`: the last segment of its URL. */
  name: string;
  /** The first `# ` heading. */
  title: string;
  /** The rest of the text, shown as it is written (Markdown reads as text). */
  body: string;
}

export type Guides = ReadonlyMap<string, Guide>;

const GUIDE_FILE = /^[a-z0-9-]+\.md$/;

/** docs/ beside the nearest package.json above this file: the same from src/ (tsx) and from dist/src/. */
export function docsDir(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const docs = join(dir, 'docs');
      return existsSync(docs) ? docs : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Every guide in `dir`; none when the folder is missing (an install without docs links to none). */
export function loadGuides(dir = docsDir()): Guides {
  const guides = new Map<string, Guide>();
  if (!dir) return guides;
  for (const name of readdirSync(dir)
    .filter((n) => GUIDE_FILE.test(n))
    .sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    const [first = '', ...rest] = text.split('\n');
    const titled = first.startsWith('# ');
    guides.set(name, {
      name,
      title: titled ? first.slice(2).trim() : name,
      body: (titled ? rest.join('\n') : text).replace(/^\n+/, ''),
    });
  }
  return guides;
}

/** A job's `docs` (`docs/phishing.md`) as the URL of the served guide, when there is one. */
export function guideHref(guides: Guides, docs: string | undefined): string | undefined {
  const name = docs?.startsWith('docs/') ? docs.slice('docs/'.length) : undefined;
  return name && guides.has(name) ? `/docs/${name}` : undefined;
}
