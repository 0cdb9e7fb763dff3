// /users/delta: an initial full sync in pages, then a deltaLink that returns only users changed since.
// https://learn.microsoft.com/graph/delta-query-users  https://learn.microsoft.com/graph/api/user-delta
import { decodeToken, encodeToken } from '../shared/ids.js';
import { getOrCreate } from '../shared/per-key.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { badRequest } from '../graph/errors.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import { contextUrl, isResponse, parsePageSize, parseSelect, project } from '../graph/odata.js';
import { type DeltaRound, DeltaRounds } from '../graph/delta-rounds.js';
import { collect } from '../graph/paging.js';
import { USER_DEFAULT_PROPERTIES, USER_PROPERTIES } from './user-properties.js';
import { USERS_READ } from './users.js';

const DEFAULT_PAGE = 200;
const SKIP_PREFIX = 'DLTs';
const DELTA_PREFIX = 'DLTd';

/** One delta round: what it covers, fixed when the round starts so pages are consistent. */
interface Session extends DeltaRound {
  tenantId: string;
  /** Users changed after this version are in the round (0 = initial sync of everyone). */
  since: number;
  /** Changed items of an incremental round; undefined means "walk the whole directory". */
  changes?: Array<Record<string, unknown>>;
}

const sessionsByEmulator = new WeakMap<EmulatorContext, DeltaRounds<Session>>();

function sessionsOf(ctx: EmulatorContext): DeltaRounds<Session> {
  return getOrCreate(sessionsByEmulator, ctx, () => new DeltaRounds());
}

export const deltaRoutes: GraphRoute[] = [
  { method: 'GET', pattern: /^\/users\/delta$/, roles: USERS_READ, handle: usersDelta },
];

function usersDelta(ctx: EmulatorContext, call: GraphCall): GraphResponse {
  const sessions = sessionsOf(ctx);
  const skip = call.query.get('$skiptoken');
  if (skip !== null) {
    const t = decodeToken(SKIP_PREFIX, skip) as { s?: string; o?: number } | undefined;
    const session = t?.s ? sessions.get(t.s) : undefined;
    if (!session || typeof t?.o !== 'number' || session.tenantId !== call.principal.tenantId) {
      return badRequest(call, 'Badly formed or expired $skiptoken.');
    }
    return page(ctx, call, t.s as string, session, t.o);
  }

  const pageSize = parsePageSize(call, DEFAULT_PAGE);
  if (isResponse(pageSize)) return pageSize;
  let select = parseSelect(call, USER_PROPERTIES, 'user');
  if (isResponse(select)) return select;
  let since = 0;
  const deltaToken = call.query.get('$deltatoken');
  if (deltaToken === 'latest') {
    return finalPage(
      ctx,
      call,
      { tenantId: call.principal.tenantId, since: 0, snapshot: ctx.state.currentVersion, select, pageSize },
      [],
    );
  }
  if (deltaToken !== null) {
    const t = decodeToken(DELTA_PREFIX, deltaToken) as { t?: string; v?: number; sel?: string[] } | undefined;
    if (typeof t?.v !== 'number' || t.t !== call.principal.tenantId)
      return badRequest(call, 'Badly formed token.');
    since = t.v;
    select ??= t.sel;
  }

  const session: Session = {
    tenantId: call.principal.tenantId,
    since,
    snapshot: ctx.state.currentVersion,
    select,
    pageSize,
  };
  if (since > 0) {
    const props = select ?? USER_DEFAULT_PROPERTIES;
    session.changes = [...ctx.state.usersOf(session.tenantId).changedSince(since)].map((c) =>
      c.user ? project(c.user, props) : { id: c.removedId, '@removed': { reason: 'changed' } },
    );
  }
  return page(ctx, call, sessions.start(session), session, 0);
}

function page(
  ctx: EmulatorContext,
  call: GraphCall,
  sessionId: string,
  session: Session,
  offset: number,
): GraphResponse {
  const value: Array<Record<string, unknown>> = [];
  let next = offset;
  let total: number;
  if (session.changes) {
    total = session.changes.length;
    value.push(...session.changes.slice(offset, offset + session.pageSize));
    next = offset + value.length;
  } else {
    const store = ctx.state.usersOf(session.tenantId);
    const props = session.select ?? USER_DEFAULT_PROPERTIES;
    total = store.size;
    const read = collect(offset, total, session.pageSize, (i) => {
      const user = store.at(i);
      return user && project(user, props);
    });
    value.push(...read.value);
    next = read.next;
  }
  if (next >= total) {
    sessionsOf(ctx).end(sessionId);
    return finalPage(ctx, call, session, value);
  }
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(ctx, call, 'users', session.select),
      '@odata.nextLink': `${ctx.urls.graph}/${call.version}/users/delta?$skiptoken=${encodeToken(SKIP_PREFIX, { s: sessionId, o: next })}`,
      value,
    },
  };
}

function finalPage(
  ctx: EmulatorContext,
  call: GraphCall,
  session: Session,
  value: Array<Record<string, unknown>>,
): GraphResponse {
  const token = encodeToken(DELTA_PREFIX, { t: session.tenantId, v: session.snapshot, sel: session.select });
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(ctx, call, 'users', session.select),
      '@odata.deltaLink': `${ctx.urls.graph}/${call.version}/users/delta?$deltatoken=${token}`,
      value,
    },
  };
}

/** Forgets all delta rounds in progress (emulator reset). */
export function clearDeltaSessions(ctx: EmulatorContext): void {
  sessionsOf(ctx).clear();
}
