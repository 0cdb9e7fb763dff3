// Change notification subscriptions for Outlook messages: create (with the validation handshake), list,
// get, renew (PATCH expirationDateTime), reauthorize and delete. Expired subscriptions disappear.
// https://learn.microsoft.com/graph/api/subscription-post-subscriptions  https://learn.microsoft.com/graph/api/resources/subscription
import { z } from 'zod';
import { newGuid } from '../shared/ids.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { badRequest, graphError } from '../graph/errors.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import { validateEndpoint } from './notify.js';
import { MAIL_READ_BASIC, prefersImmutableIds } from './mailbox-route.js';
import { type MailState, type MailSubscription, mailOf } from './state.js';

const CHANGE_TYPES = new Set(['created', 'updated', 'deleted']);
const createBody = z
  .object({
    changeType: z.string().min(1),
    notificationUrl: z.string().min(1),
    lifecycleNotificationUrl: z.string().min(1).optional(),
    resource: z.string().min(1),
    expirationDateTime: z.string().min(1),
    clientState: z.string().max(128).optional(),
    latestSupportedTlsVersion: z.string().optional(),
    includeResourceData: z.boolean().optional(),
  })
  .loose();
const renewBody = z.object({ expirationDateTime: z.string().min(1) }).loose();
const RESOURCE_RE = /^\/?users\/([^/]+)\/(?:mailFolders(?:\('([^']+)'\)|\/([^/]+))\/)?messages$/i;
const FAILURES = {
  timeout: 'Subscription validation request timed out.',
  failed:
    'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
  mismatch:
    'Subscription validation request failed. Response must exactly match validationToken query parameter.',
} as const;

export const mailSubscriptionRoutes: GraphRoute[] = [
  { method: 'POST', pattern: /^\/subscriptions$/, roles: MAIL_READ_BASIC, handle: create },
  {
    method: 'GET',
    pattern: /^\/subscriptions$/,
    roles: [],
    handle: (ctx, call) => ({
      status: 200,
      body: {
        '@odata.context': `${ctx.urls.graph}/${call.version}/$metadata#subscriptions`,
        value: live(mailOf(ctx))
          .filter((s) => owns(call, s))
          .map(render),
      },
    }),
  },
  {
    method: 'GET',
    pattern: /^\/subscriptions\/(?<id>[^/]+)$/,
    roles: [],
    handle: (ctx, call, p) => withSub(ctx, call, p, (s) => ({ status: 200, body: render(s) })),
  },
  {
    method: 'PATCH',
    pattern: /^\/subscriptions\/(?<id>[^/]+)$/,
    roles: MAIL_READ_BASIC,
    handle: (ctx, call, p) =>
      withSub(ctx, call, p, (s) => {
        const body = renewBody.safeParse(call.body);
        if (!body.success) return badRequest(call, 'expirationDateTime is required.', 'InvalidRequest');
        const problem = checkExpiration(mailOf(ctx), body.data.expirationDateTime);
        if (problem) return badRequest(call, problem, 'InvalidRequest');
        s.expirationDateTime = new Date(body.data.expirationDateTime).toISOString();
        return { status: 200, body: render(s) };
      }),
  },
  {
    method: 'POST',
    pattern: /^\/subscriptions\/(?<id>[^/]+)\/reauthorize$/,
    roles: MAIL_READ_BASIC,
    handle: (ctx, call, p) => withSub(ctx, call, p, () => ({ status: 200 })),
  },
  {
    method: 'DELETE',
    pattern: /^\/subscriptions\/(?<id>[^/]+)$/,
    roles: [],
    handle: (ctx, call, p) =>
      withSub(ctx, call, p, (s) => {
        mailOf(ctx).subscriptions.delete(s.id);
        return { status: 204 };
      }),
  },
];

async function create(ctx: EmulatorContext, call: GraphCall): Promise<GraphResponse> {
  const mail = mailOf(ctx);
  const parsed = createBody.safeParse(call.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return badRequest(call, `Invalid request: ${issue?.path.join('.')}: ${issue?.message}`, 'InvalidRequest');
  }
  const b = parsed.data;
  const types = b.changeType.split(',').map((t) => t.trim());
  if (types.some((t) => !CHANGE_TYPES.has(t)))
    return badRequest(call, `Invalid changeType '${b.changeType}'.`, 'InvalidRequest');
  if (b.includeResourceData)
    return badRequest(
      call,
      'Rich notifications (includeResourceData) are not supported by this emulator.',
      'InvalidRequest',
    );
  for (const url of [b.notificationUrl, b.lifecycleNotificationUrl]) {
    if (url !== undefined && !allowedUrl(url))
      return badRequest(call, 'The Notification Url must be HTTPS.', 'InvalidRequest');
  }
  const m = RESOURCE_RE.exec(b.resource.split('?')[0] ?? '');
  if (!m) return badRequest(call, `Resource '${b.resource}' is not supported.`, 'InvalidRequest');
  const box = mail.mailbox(ctx.state, call.principal.tenantId, m[1] ?? '');
  if (!box) return graphError(call, 404, 'ErrorInvalidUser', `The requested user '${m[1]}' is invalid.`);
  const folderRef = m[2] ?? m[3];
  const folder = folderRef === undefined ? undefined : box.folder(folderRef);
  if (folderRef !== undefined && !folder)
    return graphError(call, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  const problem = checkExpiration(mail, b.expirationDateTime);
  if (problem) return badRequest(call, problem, 'InvalidRequest');

  for (const url of [b.notificationUrl, b.lifecycleNotificationUrl]) {
    if (url === undefined) continue;
    const outcome = await validateEndpoint(mail, url);
    if (outcome !== 'ok') return badRequest(call, FAILURES[outcome], 'ValidationError');
  }
  const sub: MailSubscription = {
    id: newGuid(),
    tenantId: call.principal.tenantId,
    appId: call.principal.appId,
    resource: b.resource,
    changeType: types.join(','),
    notificationUrl: b.notificationUrl,
    ...(b.lifecycleNotificationUrl ? { lifecycleNotificationUrl: b.lifecycleNotificationUrl } : {}),
    ...(b.clientState !== undefined ? { clientState: b.clientState } : {}),
    expirationDateTime: new Date(b.expirationDateTime).toISOString(),
    userId: box.userId,
    ...(folder ? { folderId: folder.id } : {}),
    immutableIds: prefersImmutableIds(call),
    applicationId: call.principal.appId,
    creatorId: call.principal.appId,
    latestSupportedTlsVersion: b.latestSupportedTlsVersion ?? 'v1_2',
    notificationUrlAppId: null,
  };
  mail.subscriptions.set(sub.id, sub);
  return {
    status: 201,
    body: {
      '@odata.context': `${ctx.urls.graph}/${call.version}/$metadata#subscriptions/$entity`,
      ...render(sub),
    },
  };
}

function checkExpiration(mail: MailState, value: string): string | undefined {
  const at = Date.parse(value);
  if (Number.isNaN(at)) return `Invalid expirationDateTime '${value}'.`;
  if (at <= Date.now()) return 'Subscription expiration can only be in the future.';
  const max = mail.settings.maxSubscriptionMinutes;
  if (at > Date.now() + max * 60_000)
    return `Subscription expiration can only be ${max} minutes in the future.`;
  return undefined;
}

/** Real Graph needs HTTPS; plain http is allowed for loopback receivers so tests can listen locally. */
function allowedUrl(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

function live(mail: MailState): MailSubscription[] {
  const now = Date.now();
  for (const s of [...mail.subscriptions.values()])
    if (Date.parse(s.expirationDateTime) <= now) mail.subscriptions.delete(s.id);
  return [...mail.subscriptions.values()];
}

function owns(call: GraphCall, s: MailSubscription): boolean {
  return s.tenantId === call.principal.tenantId && s.appId === call.principal.appId;
}

function withSub(
  ctx: EmulatorContext,
  call: GraphCall,
  params: Record<string, string>,
  fn: (s: MailSubscription) => GraphResponse,
): GraphResponse {
  const sub = live(mailOf(ctx)).find((s) => s.id === params.id && owns(call, s));
  if (!sub) return graphError(call, 404, 'ResourceNotFound', `The object '${params.id}' was not found.`);
  return fn(sub);
}

function render(s: MailSubscription): Record<string, unknown> {
  return {
    id: s.id,
    resource: s.resource,
    applicationId: s.applicationId,
    changeType: s.changeType,
    clientState: s.clientState ?? null,
    notificationUrl: s.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: s.lifecycleNotificationUrl ?? null,
    expirationDateTime: s.expirationDateTime,
    creatorId: s.creatorId,
    includeResourceData: false,
    latestSupportedTlsVersion: s.latestSupportedTlsVersion,
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: s.notificationUrlAppId,
  };
}
