// What a directory write's 400 means, for callers that must tell "already done" from "refused":
// Graph answers Request_BadRequest for all of them and names the case in `details` (ObjectConflict
// with a target) or, where it gives no better signal, only in the message, which Microsoft does not
// localise. https://learn.microsoft.com/graph/errors
import { HttpStatusError } from '../../../../platform/http/index.js';

export type DirectoryRefusal =
  /** Another object holds this value (`target` names the property: userPrincipalName, mailNickname, proxyAddresses). */
  | { kind: 'conflict'; target: string }
  /** The member or owner is in the group already (members/$ref, owners/$ref). */
  | { kind: 'already-referenced' }
  /** The SKU has no free seat. */
  | { kind: 'no-seats' }
  /** The user has no (valid) usageLocation, so no licence can be assigned. */
  | { kind: 'usage-location' }
  /** The password does not meet the tenant's complexity rules. */
  | { kind: 'password-complexity' }
  /** The UPN's domain is not a verified domain of the tenant. */
  | { kind: 'unverified-domain' };

const CONFLICT_MESSAGE = /another object with the same value for property (\w+) already exists/i;

/** The refusal a Graph error stands for, or undefined when it is something else (or no 400). */
export function directoryRefusal(e: unknown): DirectoryRefusal | undefined {
  if (!(e instanceof HttpStatusError) || e.status !== 400) return undefined;
  const message = e.remoteMessage ?? '';
  const details = (e.details?.details ?? []) as Array<{ code?: string; target?: string }>;
  const conflict = details.find((d) => d.code === 'ObjectConflict' && d.target);
  if (conflict?.target) return { kind: 'conflict', target: conflict.target };
  const named = CONFLICT_MESSAGE.exec(message)?.[1];
  if (named) return { kind: 'conflict', target: named };
  if (/added object references already exist/i.test(message)) return { kind: 'already-referenced' };
  if (/does not have any available licenses/i.test(message)) return { kind: 'no-seats' };
  if (/invalid usage location/i.test(message)) return { kind: 'usage-location' };
  if (/password complexity/i.test(message)) return { kind: 'password-complexity' };
  if (/verified domain names/i.test(message)) return { kind: 'unverified-domain' };
  return undefined;
}
