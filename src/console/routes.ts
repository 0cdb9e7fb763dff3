// The operator console on the admin listener: the overview, the platform and audit pages, every
// feature's section (./sections.ts), the display preferences, the guides and the page assets. Every
// page is server-rendered with eta (auto-escaped) and works without script; the script adds relative
// times, a refresh that can be paused, copy buttons and confirmations.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GsocError } from '../platform/errors.js';
import type {
  ActionButton,
  Block,
  Chart,
  ConsolePage,
  Locale,
  OverviewPart,
} from '../platform/feature/index.js';
import { can, type Session } from '../platform/web-session/index.js';
import { ConsoleNotFoundError } from './errors.js';
import { consoleHref, drawCell } from './cells.js';
import { chartBlock } from './chart-block.js';
import { drawForm, drawProgress } from './form-block.js';
import { buildFrame, consoleTranslator, type FrameSite, requestLocale, THEMES } from './frame.js';
import type { ConsoleGate } from './gate.js';
import { type Guides, guideHref, loadGuides } from './guides.js';
import { codeSpans } from './iso-time.js';
import { isLocale, LOCALE_COOKIE } from './locale.js';
import type { DashboardModel } from './model.js';
import { dependenciesBlock, leasesBlock, overviewBlocks } from './overview.js';
import { acceptMultipart, tooLarge, UPLOAD_SLACK } from './posted-form.js';
import { mountDownloads } from './downloads.js';
import { auditBlocks } from './audit-page.js';
import {
  consoleRequest,
  flashOf,
  type MountedSection,
  mountSections,
  type PageRenderer,
} from './sections.js';
import { translator } from './translate.js';

const viewsDir = fileURLToPath(new URL('./views/', import.meta.url));
const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const ASSETS = new Map([
  // One stylesheet: the page's and the charts' colours follow the same theme.
  [
    'console.css',
    {
      type: 'text/css; charset=utf-8',
      body: `${read('./views/console.css')}\n${read('./charts/charts.css')}`,
    },
  ],
  ['console.js', { type: 'text/javascript; charset=utf-8', body: read('./views/console.js') }],
]);

export interface ConsoleOptions {
  gate: ConsoleGate;
  /** Jobs, dependencies, leases and panels, as the overview and the platform page show them. */
  load: () => Promise<DashboardModel>;
  sections: readonly MountedSection[];
  /** Minutes each dependency failed per UTC day over the last `days`, with `unit` as its axis label. */
  outages?: (days: number, unit: string) => Promise<Chart>;
  /** The guides to serve under /docs/; docs/*.md of the installation by default. */
  guides?: Guides;
}

export async function consoleRoutes(app: FastifyInstance, opts: ConsoleOptions): Promise<void> {
  const eta = new Eta({ views: viewsDir, autoEscape: true, cache: true });
  const guides = opts.guides ?? loadGuides();
  const guide = (docs?: string) => guideHref(guides, docs);
  const { gate, sections } = opts;
  // How long each answer took here, for the browser's developer tools and bench/console.ts.
  app.addHook('onSend', async function serverTiming(_req, reply) {
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(1)}`);
  });
  let site: FrameSite | undefined;
  const siteOf = async (): Promise<FrameSite> => {
    if (site) return site;
    const m = await opts.load();
    site = {
      mode: m.mode,
      version: m.version,
      instance: m.instance,
      nav: (t, locale) => [
        { path: '/', title: t('console.nav.overview') },
        ...sections.flatMap(({ section }) =>
          section.nav.map((n) => ({ path: n.path, title: translator(section.messages, locale)(n.title) })),
        ),
        { path: '/platform', title: t('console.nav.platform') },
        { path: '/audit', title: t('console.nav.audit'), needs: 'settings.change' as const },
      ],
    };
    return site;
  };

  const drawBlocks = (blocks: readonly Block[], locale: Locale) =>
    blocks.map((b) => {
      if (b.kind === 'table')
        return {
          ...b,
          hasActions: b.rows.some((r) => (r.actions ?? []).length > 0),
          rows: b.rows.map((r) => ({
            ...r,
            cells: r.cells.map((c) => drawCell(c, locale)),
            actions: r.actions ?? [],
          })),
          next: b.next ? consoleHref(b.next) : undefined,
        };
      if (b.kind === 'facts')
        return { ...b, items: b.items.map((i) => ({ label: i.label, value: drawCell(i.value, locale) })) };
      if (b.kind === 'chart') return { ...b, ...chartBlock(b, locale) };
      if (b.kind === 'form') return drawForm(b);
      if (b.kind === 'progress') return drawProgress(b, locale);
      return b;
    });

  const renderer: PageRenderer = {
    async page(req, reply, session, page) {
      const locale = requestLocale(req);
      const frame = buildFrame(req, await siteOf(), session, {
        title: page.title,
        ...(page.live ? { live: true } : {}),
        ...(await flash(req, session)),
      });
      // A button the person may not use is left out; the action refuses it anyway.
      const blocks = page.blocks.flatMap((b) => filterButtons(b, session));
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      return reply.send(
        eta.render('page', {
          frame,
          t: frame.t,
          csrf: frame.csrf,
          returnPath: frame.returnPath,
          codeSpans,
          blocks: drawBlocks(blocks, locale),
        }),
      );
    },
    async error(req, reply, session, e) {
      const status = e instanceof GsocError ? e.httpStatus : 500;
      if (!(e instanceof GsocError) || e.actor !== 'caller') req.log.error({ err: e }, 'console page failed');
      const locale = requestLocale(req);
      const t = consoleTranslator(locale);
      const message = e instanceof GsocError && e.actor === 'caller' ? e.message : t('console.error.title');
      const code = e instanceof GsocError ? e.code : undefined;
      reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store');
      if (!session) return reply.send(eta.render('error-bare', { t, locale, message, code }));
      const frame = buildFrame(req, await siteOf(), session, { title: t('console.error.title') });
      return reply.send(eta.render('error', { frame, message, code }));
    },
  };

  async function flash(req: FastifyRequest, session: Session) {
    const f = await flashOf(gate.audit, session, req.query);
    return f ? { flash: f } : {};
  }

  async function page(
    req: FastifyRequest,
    reply: FastifyReply,
    build: (session: Session, locale: Locale) => Promise<ConsolePage>,
  ) {
    const session = await gate.pageSession(req, reply);
    if (!session) return reply;
    try {
      return await renderer.page(req, reply, session, await build(session, requestLocale(req)));
    } catch (e) {
      return renderer.error(req, reply, session, e);
    }
  }

  app.get('/', (req, reply) =>
    page(req, reply, async (session, locale) => {
      const t = consoleTranslator(locale);
      // Every part at once: on PostgreSQL their queries run side by side on the pool.
      const outages = async (): Promise<OverviewPart> => ({
        attention: [],
        charts: opts.outages
          ? [
              {
                kind: 'chart',
                id: 'outages',
                title: t('console.platform.outages'),
                chart: await opts.outages(7, t('console.unit.minutes')),
              },
            ]
          : [],
      });
      const [model, ...parts] = await Promise.all([
        opts.load(),
        ...sections.map(({ feature, section }) =>
          section.overview
            ? section
                .overview(consoleRequest(req, session, locale, section.messages))
                .catch((e: unknown): OverviewPart => {
                  // One feature's failure leaves the rest of the overview standing, and says so.
                  req.log.error({ err: e, feature }, 'overview part failed');
                  return {
                    attention: [{ tone: 'bad', text: t('console.overview.partFailed', { feature }) }],
                    charts: [],
                  };
                })
            : Promise.resolve<OverviewPart>({ attention: [], charts: [] }),
        ),
        outages(),
      ]);
      return {
        title: t('console.overview.title'),
        live: true,
        blocks: overviewBlocks(t, model, parts, guide, locale),
      };
    }),
  );

  app.get('/platform', (req, reply) =>
    page(req, reply, async (_s, locale) => {
      const t = consoleTranslator(locale);
      const m = await opts.load();
      const blocks: Block[] = [dependenciesBlock(t, m), leasesBlock(t, m)];
      if (opts.outages)
        blocks.push({
          kind: 'chart',
          id: 'outages',
          title: t('console.platform.outages'),
          chart: await opts.outages(14, t('console.unit.minutes')),
        });
      return { title: t('console.platform.title'), live: true, blocks };
    }),
  );

  app.get('/audit', (req, reply) =>
    page(req, reply, async (session, locale) => {
      const t = consoleTranslator(locale);
      return {
        title: t('console.audit.title'),
        blocks: await auditBlocks(gate.audit, session, req.query, t),
      };
    }),
  );

  // Forms with a file field come as multipart/form-data: kept as bytes here, read in the action.
  acceptMultipart(app);
  // A body over the route's limit is refused by Fastify before any handler: said as the console's
  // own refusal, on its page; every other error goes on to the listener's handler.
  app.setErrorHandler(async function consoleErrors(err, req, reply) {
    if ((err as { code?: string }).code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw err;
    const limit = req.routeOptions.bodyLimit ?? 64 * 1024;
    const upload = limit > UPLOAD_SLACK ? limit - UPLOAD_SLACK : limit;
    return renderer.error(req, reply, undefined, tooLarge(requestLocale(req), upload));
  });
  await mountSections(app, gate, renderer, sections);
  for (const { section } of sections) mountDownloads(app, gate, renderer, section);

  // Language and theme: cookies the page reads, set by a form so it works without script.
  app.post('/preferences', async function preferences(req, reply) {
    const form = (req.body ?? {}) as Record<string, unknown>;
    try {
      await gate.postSession(req, form);
    } catch (e) {
      return renderer.error(req, reply, undefined, e);
    }
    const secure = req.protocol === 'https' ? '; Secure' : '';
    const year = 365 * 86_400;
    const cookies: string[] = [];
    if (isLocale(form.lang))
      cookies.push(`${LOCALE_COOKIE}=${form.lang}; Path=/; Max-Age=${year}; SameSite=Lax${secure}`);
    if ((THEMES as readonly unknown[]).includes(form.theme))
      cookies.push(`graphsoc-theme=${String(form.theme)}; Path=/; Max-Age=${year}; SameSite=Lax${secure}`);
    if (cookies.length > 0) reply.header('set-cookie', cookies);
    return reply.redirect(consoleHref(String(form.return ?? '')) ?? '/', 303);
  });

  app.get<{ Params: { file: string } }>('/docs/:file', async function guidePage(req, reply) {
    const session = await gate.pageSession(req, reply);
    if (!session) return reply;
    const g = guides.get(req.params.file);
    if (!g)
      return renderer.error(
        req,
        reply,
        session,
        new ConsoleNotFoundError(consoleTranslator(requestLocale(req))('console.error.notFound')),
      );
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

/** The block without the buttons (or the form) the person's roles do not allow. */
function filterButtons(b: Block, session: Session): Block[] {
  const mine = (buttons: readonly ActionButton[]) => buttons.filter((x) => can(session.roles, x.needs));
  if (b.kind === 'actions') return [{ ...b, buttons: mine(b.buttons) }];
  if (b.kind === 'table')
    return [{ ...b, rows: b.rows.map((r) => (r.actions ? { ...r, actions: mine(r.actions) } : r)) }];
  // A form the person may not send is left out whole; its action refuses it anyway.
  if (b.kind === 'form' && !can(session.roles, b.needs)) return [];
  return [b];
}
