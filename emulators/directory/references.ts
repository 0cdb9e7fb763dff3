// The user an `@odata.id` reference names (`…/directoryObjects/{id}` or `…/users/{id}`), as $ref
// routes and `owners@odata.bind` / `members@odata.bind` take it. https://learn.microsoft.com/graph/api/group-post-members
import { badRequest, notFound } from '../graph/errors.js';
import type { GraphCall, GraphResponse } from '../graph/types.js';
import type { EmulatorContext } from '../microsoft/context.js';
import { readUser } from './replicas.js';

const REFERENCE = /\/(?:directoryObjects|users)\/([^/?#]+)$/i;

/** The user, or the 400 for a reference Graph cannot read and the 404 for one it cannot find. */
export function referencedUser(
  ctx: EmulatorContext,
  call: GraphCall,
  ref: unknown,
): { id: string } | GraphResponse {
  const m = typeof ref === 'string' ? REFERENCE.exec(ref) : null;
  if (!m) {
    return badRequest(
      call,
      'The request body must name the member as {"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}.',
    );
  }
  let userId = m[1] ?? '';
  try {
    userId = decodeURIComponent(userId);
  } catch {
    return badRequest(call, 'Invalid object identifier in the reference.');
  }
  return readUser(ctx, call.principal.tenantId, userId) ?? notFound(call, userId);
}
