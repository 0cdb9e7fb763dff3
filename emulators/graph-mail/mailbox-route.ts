// How mail routes are declared: the /users/{id|userPrincipalName} prefix, the mailbox lookup, Outlook's
// per-mailbox throttling, and the Prefer headers that change ids and body format.
import { delay } from '../shared/latency.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { graphError } from '../graph/errors.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import type { RenderOptions } from './json.js';
import { type MailState, mailOf } from './state.js';
import type { Mailbox } from './store.js';

/** Application permissions per mail operation. https://learn.microsoft.com/graph/permissions-reference */
export const MAIL_READ_BASIC = ['Mail.ReadBasic.All', 'Mail.Read', 'Mail.ReadWrite'];
export const MAIL_READ = ['Mail.Read', 'Mail.ReadWrite'];
export const MAIL_WRITE = ['Mail.ReadWrite'];
export const MAIL_SEND = ['Mail.Send'];

export interface MailCall {
  ctx: EmulatorContext;
  call: GraphCall;
  mail: MailState;
  box: Mailbox;
  params: Record<string, string>;
  /** How this caller wants messages rendered (ids, body format; $select is set per handler). */
  render: RenderOptions;
  /** The caller may read bodies (Mail.Read or Mail.ReadWrite, not only Mail.ReadBasic.All). */
  fullRead: boolean;
}

export function mailRoute(
  method: string,
  path: string,
  roles: string[],
  handle: (m: MailCall) => GraphResponse | Promise<GraphResponse>,
): GraphRoute {
  return {
    method,
    // Graph paths are case-insensitive; notifications name resources as "Users/{id}/Messages/{id}".
    pattern: new RegExp(`^/users/(?<user>[^/]+)${path}$`, 'i'),
    roles,
    handle: async (ctx, call, params) => {
      const mail = mailOf(ctx);
      const box = mail.mailbox(ctx.state, call.principal.tenantId, params.user ?? '');
      if (!box)
        return graphError(call, 404, 'ErrorInvalidUser', `The requested user '${params.user}' is invalid.`);
      const admission = mail.throttle.admit(call.principal.appId, box.userId);
      if (!admission.ok) {
        return graphError(
          call,
          429,
          'ApplicationThrottled',
          `Application is over its ${admission.reason} limit.`,
          { 'Retry-After': String(admission.retryAfterSec) },
        );
      }
      try {
        await delay(mail.throttle.settings.processingMs);
        return await handle({
          ctx,
          call,
          mail,
          box,
          params,
          render: { immutable: prefersImmutableIds(call), textBody: prefersTextBody(call) },
          fullRead: MAIL_READ.some((r) => call.principal.roles.includes(r)),
        });
      } finally {
        admission.release();
      }
    },
  };
}

export function prefersImmutableIds(call: GraphCall): boolean {
  return /IdType\s*=\s*"?ImmutableId"?/i.test(call.headers.prefer ?? '');
}

function prefersTextBody(call: GraphCall): boolean {
  return /outlook\.body-content-type\s*=\s*"?text"?/i.test(call.headers.prefer ?? '');
}

export function itemNotFound(call: GraphCall): GraphResponse {
  return graphError(call, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
}

/** Graph returns a raw body ($value) with its own content type. */
export function rawBody(content: Buffer, contentType: string): GraphResponse {
  return { status: 200, headers: { 'content-type': contentType }, body: content };
}
