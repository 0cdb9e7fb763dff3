// The features' downloads (CSV exports): each a GET behind the session and the role, audited with
// who took which file, sent as an attachment that no cache keeps. A download the person's roles do
// not allow is refused with 403 and audited as denied, like an action.
import type { FastifyInstance } from 'fastify';
import { GsocError } from '../platform/errors.js';
import type { ConsoleSection, DownloadFile } from '../platform/feature/index.js';
import { can, ForbiddenError } from '../platform/web-session/index.js';
import { requestLocale } from './frame.js';
import type { ConsoleGate } from './gate.js';
import { consoleRequest, type PageRenderer } from './sections.js';

export function mountDownloads(
  app: FastifyInstance,
  gate: ConsoleGate,
  render: PageRenderer,
  section: ConsoleSection,
): void {
  for (const route of section.downloads ?? []) {
    app.get(route.path, async function consoleDownload(req, reply) {
      const session = await gate.pageSession(req, reply);
      if (!session) return reply;
      const creq = consoleRequest(req, session, requestLocale(req), section.messages);
      const path = req.url.split('?')[0] ?? req.url;
      const entry = {
        actor: { subject: session.subject, name: session.name },
        action: route.audit,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
      };
      if (!can(session.roles, route.needs)) {
        await gate.audit.append({
          ...entry,
          target: path,
          outcome: 'denied',
          detail: { needs: route.needs },
        });
        return render.error(req, reply, session, new ForbiddenError(route.needs));
      }
      let file: DownloadFile;
      try {
        file = await route.render(creq);
      } catch (e) {
        const told = e instanceof GsocError && e.actor === 'caller';
        await gate.audit.append({
          ...entry,
          target: path,
          outcome: 'failure',
          detail: told ? { message: e.message, code: e.code } : { message: 'internal error' },
        });
        return render.error(req, reply, session, e);
      }
      const bytes = typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : file.body;
      await gate.audit.append({
        ...entry,
        target: file.target ?? path,
        outcome: 'success',
        detail: {
          file: file.filename,
          bytes: bytes.length,
          ...(file.detail === undefined ? {} : { data: file.detail }),
        },
      });
      return reply
        .type(file.contentType)
        .header('content-disposition', contentDisposition(file.filename))
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    });
  }
}

/**
 * `attachment` with the name twice (RFC 6266): an ASCII fallback any browser reads, and the exact
 * name percent-encoded as UTF-8. Quotes, backslashes, controls and path separators never reach the
 * header as they are.
 */
export function contentDisposition(filename: string): string {
  const name = filename.slice(0, 200) || 'download';
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, '_');
  const exact = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
