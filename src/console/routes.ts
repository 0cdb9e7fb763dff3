// Operator dashboard pages (server-rendered with eta, auto-escaped), the operator guides, and the
// page's stylesheet and small script (times shown relative, a refresh that can be paused; the page
// works without it).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { FastifyInstance } from 'fastify';
import { type Guides, guideHref, loadGuides } from './guides.js';
import { dependencyLabel, unitLabel } from './labels.js';
import { type DashboardModel, STATE_LABELS } from './model.js';

const viewsDir = fileURLToPath(new URL('./views/', import.meta.url));
const asset = (file: string, type: string) => ({ type, body: readFileSync(`${viewsDir}${file}`, 'utf8') });
const ASSETS = new Map([
  ['dashboard.css', asset('dashboard.css', 'text/css; charset=utf-8')],
  ['dashboard.js', asset('dashboard.js', 'text/javascript; charset=utf-8')],
]);

/** `a `b` c` → text and code spans, each escaped by the template; a panel hint's only markup. */
export function codeSpans(text: string): Array<{ text: string; code: boolean }> {
  return text.split('`').map((t, i) => ({ text: t, code: i % 2 === 1 }));
}

/** A panel cell that is a whole ISO 8601 UTC time, which the page shows as a <time>. */
export function isIsoTime(cell: string): boolean {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/.test(cell) && !Number.isNaN(Date.parse(cell));
}

export interface DashboardOptions {
  load: () => Promise<DashboardModel>;
  /** The guides to serve under /docs/; docs/*.md of the installation by default. */
  guides?: Guides;
}

export async function dashboardRoutes(app: FastifyInstance, opts: DashboardOptions): Promise<void> {
  const eta = new Eta({ views: viewsDir, autoEscape: true, cache: true });
  const guides = opts.guides ?? loadGuides();
  const helpers = {
    labels: STATE_LABELS,
    codeSpans,
    isIsoTime,
    dependencyLabel,
    unitLabel,
    guide: (docs: string | undefined) => guideHref(guides, docs),
  };

  app.get('/', async function home(_req, reply) {
    const model = await opts.load();
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    return eta.render('home', { ...model, ...helpers });
  });

  app.get<{ Params: { file: string } }>('/docs/:file', async function guide(req, reply) {
    const g = guides.get(req.params.file);
    if (!g) return reply.callNotFound();
    reply.type('text/html; charset=utf-8');
    return eta.render('guide', { ...g, guides: [...guides.values()] });
  });

  app.get<{ Params: { file: string } }>('/assets/:file', async function assetFile(req, reply) {
    const a = ASSETS.get(req.params.file);
    if (!a) return reply.callNotFound();
    reply.type(a.type).header('cache-control', 'public, max-age=300');
    return a.body;
  });
}
