// What a person (or an administrator's import) asked for and where provisioning stands with it. The
// states and steps every part of the feature shares: the portal files requests, the console decides
// them, the provisioning unit walks their steps, the expiry unit ends their accounts.

/** An account under a template, membership of a listed group, or a new group with the person as owner. */
export const REQUEST_KINDS = ['account', 'group-join', 'group-create'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/**
 * `pending` waits for an administrator; `approved` is queued for provisioning (and stays so while its
 * steps run, `step` saying which is next); `done`, `failed` (gave up: an administrator may retry),
 * `denied` (by an administrator) and `cancelled` (by the person, before provisioning) are final
 * until someone acts.
 */
export const REQUEST_STATES = ['pending', 'approved', 'done', 'failed', 'denied', 'cancelled'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/**
 * The steps, in order per kind. Each is recorded as done in the same write that names the next, so a
 * crash between two steps repeats at most the unfinished one, and every step is safe to repeat:
 * - `upn`: choose a free account name (checked against the directory and our own other requests)
 *   and record it before anything is created;
 * - `user`: POST /users with that name; after a crash, the user found under it is adopted when its
 *   otherMails hold the verified address, and another name is chosen when it is someone else's;
 * - `licences`: free seats checked through subscribedSkus, then assignLicense for the ones missing;
 * - `groups`: member `$ref` for each group (already a member counts as done);
 * - `group`: record the planned mailNickname, then POST /groups with the person as owner, or adopt
 *   the group found under that nickname;
 * - `notify`: the mail saying it is ready (sent at least once; a crash right after sending may send
 *   it twice, which docs/accounts.md says).
 */
export const STEPS = ['upn', 'user', 'licences', 'groups', 'group', 'notify'] as const;
export type Step = (typeof STEPS)[number];

export const STEPS_OF: Readonly<Record<RequestKind, readonly Step[]>> = {
  account: ['upn', 'user', 'licences', 'groups', 'notify'],
  'group-join': ['groups', 'notify'],
  'group-create': ['group', 'notify'],
};

/** The step after `step` for this kind, or null when it was the last. */
export function nextStep(kind: RequestKind, step: Step): Step | null {
  const steps = STEPS_OF[kind];
  const i = steps.indexOf(step);
  if (i < 0) throw new RangeError(`${step} is not a step of ${kind}`);
  return steps[i + 1] ?? null;
}

export const firstStep = (kind: RequestKind): Step => STEPS_OF[kind][0] as Step;

/** Where a request came from. */
export type RequestSource = 'portal' | 'import' | 'console';

/** Group kinds a person may ask to create (the naming policy has one per kind). */
export { GROUP_KINDS, type GroupKind } from '../policy/group-name.js';
