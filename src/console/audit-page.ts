// The audit log as an admin reads it: newest first, a page at a time, optionally one person's or one
// action's entries.
import { z } from 'zod';
import type { Block } from '../platform/feature/index.js';
import { type AuditLog, requireAction, type Session } from '../platform/web-session/index.js';
import type { Translate } from './translate.js';

const querySchema = z.object({
  before: z
    .string()
    .regex(/^[1-9]\d{0,14}$/)
    .optional()
    .catch(undefined),
  actor: z.string().max(256).optional().catch(undefined),
  action: z.string().max(128).optional().catch(undefined),
});

const TONES = { success: 'ok', failure: 'bad', denied: 'warn' } as const;

export async function auditBlocks(
  audit: AuditLog,
  session: Session,
  query: unknown,
  t: Translate,
): Promise<Block[]> {
  requireAction(session.roles, 'settings.change');
  const q = querySchema.parse(query ?? {});
  const page = await audit.list({ limit: 100, ...q });
  const next = new URLSearchParams();
  if (page.next) next.set('before', page.next);
  if (q.actor) next.set('actor', q.actor);
  if (q.action) next.set('action', q.action);
  return [
    {
      kind: 'table',
      id: 'audit',
      columns: [
        t('console.audit.when'),
        t('console.audit.who'),
        t('console.audit.action'),
        t('console.audit.target'),
        t('console.audit.from'),
        t('console.audit.outcome'),
      ],
      rows: page.entries.map((e) => {
        const message = (e.detail as { message?: unknown } | null)?.message;
        return {
          key: e.id,
          cells: [
            { text: new Date(e.at).toISOString(), time: true },
            e.actor
              ? { list: [e.actor.name, { text: e.actor.subject, code: true }] }
              : t('console.audit.system'),
            { text: e.action, code: true },
            e.target ?? '',
            { text: e.ip, code: true },
            {
              list: [
                { text: t(`console.outcome.${e.outcome}`), tone: TONES[e.outcome] },
                ...(typeof message === 'string' ? [message] : []),
              ],
            },
          ],
        };
      }),
      empty: t('console.audit.empty'),
      ...(page.next ? { next: `/audit?${next}` } : {}),
    },
  ];
}
