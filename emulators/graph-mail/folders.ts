// Mail folders: list the top level, get by id or well-known name, child folders, create a folder.
// https://learn.microsoft.com/graph/api/user-list-mailfolders  https://learn.microsoft.com/graph/api/mailfolder-post-childfolders
import { z } from 'zod';
import { badRequest, graphError } from '../graph/errors.js';
import type { GraphRoute } from '../graph/router.js';
import type { GraphResponse } from '../graph/types.js';
import { renderFolder } from './json.js';
import { mailPage } from './paging.js';
import { itemNotFound, MAIL_READ_BASIC, MAIL_WRITE, type MailCall, mailRoute } from './mailbox-route.js';

const createBody = z
  .object({ displayName: z.string().min(1).max(255), isHidden: z.boolean().optional() })
  .loose();

export const mailFolderRoutes: GraphRoute[] = [
  mailRoute('GET', '/mailFolders', MAIL_READ_BASIC, (m) => listChildren(m, m.box.rootId)),
  mailRoute('POST', '/mailFolders', MAIL_WRITE, (m) => createChild(m, m.box.rootId)),
  mailRoute('GET', '/mailFolders/(?<folder>[^/]+)', MAIL_READ_BASIC, (m) => {
    const folder = m.box.folder(m.params.folder ?? '');
    if (!folder) return itemNotFound(m.call);
    return {
      status: 200,
      body: {
        '@odata.context': `${m.ctx.urls.graph}/${m.call.version}/$metadata#users('${m.params.user}')/mailFolders/$entity`,
        ...renderFolder(folder, m.box),
      },
    };
  }),
  mailRoute('GET', '/mailFolders/(?<folder>[^/]+)/childFolders', MAIL_READ_BASIC, (m) => {
    const folder = m.box.folder(m.params.folder ?? '');
    return folder ? listChildren(m, folder.id) : itemNotFound(m.call);
  }),
  mailRoute('POST', '/mailFolders/(?<folder>[^/]+)/childFolders', MAIL_WRITE, (m) => {
    const folder = m.box.folder(m.params.folder ?? '');
    return folder ? createChild(m, folder.id) : itemNotFound(m.call);
  }),
];

function listChildren(m: MailCall, parentId: string): GraphResponse {
  const children = m.box.children(parentId);
  return mailPage(
    m.ctx,
    m.call,
    children,
    (f) => renderFolder(f, m.box),
    `users('${m.params.user}')/mailFolders`,
  );
}

function createChild(m: MailCall, parentId: string): GraphResponse {
  const parsed = createBody.safeParse(m.call.body);
  if (!parsed.success)
    return badRequest(m.call, 'The displayName property is required.', 'ErrorInvalidRequest');
  const name = parsed.data.displayName;
  if (m.box.children(parentId).some((f) => f.displayName.toLowerCase() === name.toLowerCase()))
    return graphError(m.call, 409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
  const folder = m.box.addFolder(name, parentId);
  return {
    status: 201,
    body: {
      '@odata.context': `${m.ctx.urls.graph}/${m.call.version}/$metadata#users('${m.params.user}')/mailFolders/$entity`,
      ...renderFolder(folder, m.box),
    },
  };
}
