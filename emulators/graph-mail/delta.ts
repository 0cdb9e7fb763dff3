// Delta per mail folder: an initial round of every message in pages (skip tokens), ending in a deltaLink;
// following it returns messages created or changed since, and `@removed` for ones moved out or deleted.
// A token older than the mailbox's sync state answers 410 SyncStateNotFound: start a full resync.
// https://learn.microsoft.com/graph/api/message-delta  https://learn.microsoft.com/graph/delta-query-messages
import { decodeToken, encodeToken } from '../shared/ids.js';
import { getOrCreate } from '../shared/per-key.js';
import { badRequest, graphError } from '../graph/errors.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphResponse } from '../graph/types.js';
import { MESSAGE_PROPERTIES } from './json.js';
import { render } from './messages.js';
import { encodePath } from './paging.js';
import { itemNotFound, MAIL_READ_BASIC, type MailCall, mailRoute } from './mailbox-route.js';
import { type MailState, mailOf } from './state.js';
import { type DeltaRound, DeltaRounds } from '../graph/delta-rounds.js';
import { isResponse, parseSelect } from '../graph/odata.js';
import type { EmulatorContext } from '../microsoft/context.js';

const SKIP = 'MSs';
const DELTA = 'MSd';
const DEFAULT_PAGE = 10;

interface Round extends DeltaRound {
  userId: string;
  folderId: string;
  immutable: boolean;
  items: Array<Record<string, unknown>>;
}

/** Rounds in progress per emulator's mail state, so one emulator's reset leaves another's alone. */
const roundsByState = new WeakMap<MailState, DeltaRounds<Round>>();

function roundsOf(mail: MailState): DeltaRounds<Round> {
  return getOrCreate(roundsByState, mail, () => new DeltaRounds());
}

export const mailDeltaRoutes: GraphRoute[] = [
  mailRoute('GET', '/mailFolders/(?<folder>[^/]+)/messages/delta', MAIL_READ_BASIC, delta),
];

function delta(m: MailCall): GraphResponse {
  const rounds = roundsOf(m.mail);
  const folder = m.box.folder(m.params.folder ?? '');
  if (!folder) return itemNotFound(m.call);
  const pageSize = pageSizeOf(m);
  const skip = m.call.query.get('$skiptoken');
  if (skip !== null) {
    const t = decodeToken(SKIP, skip) as { s?: string; o?: number } | undefined;
    const round = t?.s ? rounds.get(t.s) : undefined;
    if (!round || typeof t?.o !== 'number') return gone(m);
    if (round.userId !== m.box.userId || round.folderId !== folder.id)
      return badRequest(m.call, 'Badly formed token.', 'BadRequest');
    return page(m, t.s as string, round, t.o);
  }
  let select = parseSelect(m.call, MESSAGE_PROPERTIES, 'message');
  if (isResponse(select)) return select;
  let since = 0;
  let immutable = m.render.immutable;
  const token = m.call.query.get('$deltatoken');
  if (token !== null) {
    const t = decodeToken(DELTA, token) as
      | { u?: string; f?: string; v?: number; sel?: string[]; imm?: boolean }
      | undefined;
    if (typeof t?.v !== 'number' || t.u !== m.box.userId || t.f !== folder.id)
      return badRequest(m.call, 'Badly formed token.', 'BadRequest');
    if (t.v < m.box.deltaFloor) return gone(m);
    since = t.v;
    select ??= t.sel;
    immutable ||= t.imm === true;
  }
  const view = { ...m, render: { ...m.render, immutable } };
  const items = m.box
    .inFolder(folder.id)
    .filter((msg) => msg.version > since)
    .map((msg) => render(view, msg, select));
  if (since > 0) {
    for (const d of m.box.departedSince(folder.id, since)) {
      items.push({
        '@odata.type': '#microsoft.graph.message',
        id: immutable ? d.immutableId : d.restId,
        '@removed': { reason: 'deleted' },
      });
    }
  }
  const round: Round = {
    userId: m.box.userId,
    folderId: folder.id,
    snapshot: m.box.version,
    select,
    immutable,
    pageSize,
    items,
  };
  return page(m, rounds.start(round), round, 0);
}

function page(m: MailCall, id: string, round: Round, offset: number): GraphResponse {
  const rounds = roundsOf(m.mail);
  const value = round.items.slice(offset, offset + round.pageSize);
  const next = offset + value.length;
  const base = `${m.ctx.urls.graph}/${m.call.version}${encodePath(m.call.path)}`;
  const body: Record<string, unknown> = {
    '@odata.context': `${m.ctx.urls.graph}/${m.call.version}/$metadata#Collection(message)`,
  };
  if (next < round.items.length)
    body['@odata.nextLink'] = `${base}?$skiptoken=${encodeToken(SKIP, { s: id, o: next })}`;
  else {
    rounds.end(id);
    const token = encodeToken(DELTA, {
      u: round.userId,
      f: round.folderId,
      v: round.snapshot,
      sel: round.select,
      imm: round.immutable,
    });
    body['@odata.deltaLink'] = `${base}?$deltatoken=${token}`;
  }
  body.value = value;
  const headers: Record<string, string> = /odata\.maxpagesize/i.test(m.call.headers.prefer ?? '')
    ? { 'Preference-Applied': `odata.maxpagesize=${round.pageSize}` }
    : {};
  return { status: 200, headers, body };
}

function pageSizeOf(m: MailCall): number {
  const top = Number(m.call.query.get('$top'));
  if (Number.isInteger(top) && top > 0) return Math.min(top, 1000);
  const prefer = /odata\.maxpagesize=(\d+)/i.exec(m.call.headers.prefer ?? '');
  if (prefer?.[1]) return Math.min(1000, Math.max(1, Number(prefer[1])));
  return DEFAULT_PAGE;
}

function gone(m: MailCall): GraphResponse {
  return graphError(
    m.call,
    410,
    'SyncStateNotFound',
    'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
  );
}

/** Forgets delta rounds in progress (emulator reset). */
export function clearMailDeltaRounds(ctx: EmulatorContext): void {
  roundsOf(mailOf(ctx)).clear();
}
