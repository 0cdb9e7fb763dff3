// Operator dashboard pages (server-rendered with eta, auto-escaped; no client script).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { FastifyInstance } from 'fastify';
import { type DashboardModel, STATE_LABELS } from './model.js';

const viewsDir = fileURLToPath(new URL('./views/', import.meta.url));
const css = readFileSync(`${viewsDir}dashboard.css`, 'utf8');

/** `a `b` c` → text and code spans, each escaped by the template; a panel hint's only markup. */
export function codeSpans(text: string): Array<{ text: string; code: boolean }> {
  return text.split('`').map((t, i) => ({ text: t, code: i % 2 === 1 }));
}

export interface DashboardOptions {
  load: () => Promise<DashboardModel>;
}

export async function dashboardRoutes(app: FastifyInstance, opts: DashboardOptions): Promise<void> {
  const eta = new Eta({ views: viewsDir, autoEscape: true, cache: true });

  app.get('/', async function home(_req, reply) {
    const model = await opts.load();
    reply.type('text/html; charset=utf-8');
    return eta.render('home', { ...model, labels: STATE_LABELS, codeSpans });
  });

  app.get('/assets/dashboard.css', async function stylesheet(_req, reply) {
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300');
    return css;
  });
}
