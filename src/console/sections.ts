// Mounts the features' console sections on the admin listener: each page a GET behind the session,
// each action a POST behind the session, same-origin and CSRF checks and the role, with an audit
// entry for every outcome (done, failed, refused). The browser is then sent back with the entry's id
// as `flash`, and the page shows that entry's message, only to the person who took the action, so a
// crafted link cannot put words on the page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GsocError } from '../platform/errors.js';
import type {
  ConsolePage,
  ConsoleRequest,
  ConsoleSection,
  Locale,
  Messages,
  Tone,
} from '../platform/feature/index.js';
import { type AuditLog, can, ForbiddenError, type Session } from '../platform/web-session/index.js';
import { consoleHref } from './cells.js';
import { requestLocale } from './frame.js';
import type { ConsoleGate } from './gate.js';
import { type PostedForm, postedForm, UPLOAD_SLACK } from './posted-form.js';
import { translator } from './translate.js';

export interface MountedSection {
  feature: string;
  section: ConsoleSection;
}

export interface PageRenderer {
  page(req: FastifyRequest, reply: FastifyReply, session: Session, page: ConsolePage): Promise<FastifyReply>;
  error(
    req: FastifyRequest,
    reply: FastifyReply,
    session: Session | undefined,
    e: unknown,
  ): Promise<FastifyReply>;
}

/** The request as a feature's handler sees it: plain values, its own texts, who asks. */
export function consoleRequest(
  req: FastifyRequest,
  session: Session,
  locale: Locale,
  messages: Messages,
  posted: PostedForm = { fields: {}, files: [] },
): ConsoleRequest {
  const t = translator(messages, locale);
  const { _csrf, return: _back, ...body } = posted.fields;
  return {
    params: plain(req.params),
    query: plain(req.query),
    locale,
    t,
    user: { subject: session.subject, name: session.name, roles: session.roles },
    can: (action) => can(session.roles, action),
    body,
    files: posted.files,
  };
}

/** A parsed query or params object with every value a string: the last of a repeated one. */
function plain(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!v || typeof v !== 'object') return out;
  for (const [k, x] of Object.entries(v)) {
    const last = Array.isArray(x) ? x.at(-1) : x;
    if (typeof last === 'string') out[k] = last;
  }
  return out;
}

export async function mountSections(
  app: FastifyInstance,
  gate: ConsoleGate,
  render: PageRenderer,
  sections: readonly MountedSection[],
): Promise<void> {
  for (const { section } of sections) {
    for (const route of section.pages) {
      app.get(route.path, async function consolePage(req, reply) {
        const session = await gate.pageSession(req, reply);
        if (!session) return reply;
        try {
          const page = await route.render(consoleRequest(req, session, requestLocale(req), section.messages));
          return await render.page(req, reply, session, page);
        } catch (e) {
          return render.error(req, reply, session, e);
        }
      });
    }
    for (const route of section.actions ?? []) {
      const bodyLimit = route.upload ? route.upload.maxBytes + UPLOAD_SLACK : undefined;
      app.post(route.path, bodyLimit ? { bodyLimit } : {}, async function consoleAction(req, reply) {
        let form: PostedForm;
        let session: Session;
        try {
          form = postedForm(req, route.upload, requestLocale(req));
          session = await gate.postSession(req, form.fields);
        } catch (e) {
          return render.error(req, reply, undefined, e);
        }
        const creq = consoleRequest(req, session, requestLocale(req), section.messages, form);
        const entry = {
          actor: { subject: session.subject, name: session.name },
          action: route.audit,
          ip: req.ip,
          userAgent: req.headers['user-agent'] ?? '',
        };
        const target = creq.params.id ?? creq.params.key ?? req.url;
        if (!can(session.roles, route.needs)) {
          await gate.audit.append({ ...entry, target, outcome: 'denied', detail: { needs: route.needs } });
          return render.error(req, reply, session, new ForbiddenError(route.needs));
        }
        const back = consoleHref(form.fields.return ?? '') ?? '/';
        try {
          const r = await route.run(creq);
          const id = await gate.audit.append({
            ...entry,
            target: r.target ?? target,
            outcome: 'success',
            detail: {
              message: r.message,
              tone: r.tone ?? 'ok',
              ...(r.detail === undefined ? {} : { data: r.detail }),
            },
          });
          return reply.redirect(withFlash(consoleHref(r.redirect ?? '') ?? back, id), 303);
        } catch (e) {
          // A refusal the person should read (not quarantined, gone) goes back to the page with its
          // message; anything else is our failure and gets the error page.
          if (!(e instanceof GsocError) || e.actor !== 'caller') {
            await gate.audit.append({
              ...entry,
              target,
              outcome: 'failure',
              detail: { message: 'internal error' },
            });
            return render.error(req, reply, session, e);
          }
          const id = await gate.audit.append({
            ...entry,
            target,
            outcome: 'failure',
            detail: { message: e.message, tone: 'bad', code: e.code },
          });
          return reply.redirect(withFlash(back, id), 303);
        }
      });
    }
  }
}

function withFlash(path: string, auditId: string): string {
  const u = new URL(path, 'http://console.invalid');
  u.searchParams.set('flash', auditId);
  return `${u.pathname}${u.search}`;
}

/** The flash of `?flash=<audit id>`: that entry's message, if it is the reader's own and recent. */
export async function flashOf(
  audit: AuditLog,
  session: Session,
  query: unknown,
  now = Date.now(),
): Promise<{ tone: Tone; text: string } | undefined> {
  const id = plain(query).flash;
  if (!id) return undefined;
  const e = await audit.get(id);
  if (!e || e.actor?.subject !== session.subject || now - e.at > 10 * 60_000) return undefined;
  const d = (e.detail ?? {}) as { message?: unknown; tone?: unknown };
  if (typeof d.message !== 'string') return undefined;
  const tone = (['ok', 'info', 'warn', 'bad', 'muted'] as const).find((x) => x === d.tone) ?? 'info';
  return { tone, text: d.message };
}
