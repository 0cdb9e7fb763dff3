// The request form read into one of three requests (an account under an eligible template, joining a
// listed group, creating a group under the naming policy), or the problems to show beside the form.
// Pure but for the joinable groups' ids it is handed; filing and mailing happen in request-routes.ts.
import { GroupNameError } from '../errors.js';
import type { GroupKind } from '../policy/group-name.js';
import { applyGroupNaming } from '../policy/group-name.js';
import type { CompiledTemplate } from '../policy/templates.js';
import { previewAccountName } from '../policy/upn.js';
import type { NewRequest } from '../store/requests.js';
import type { PortalContext } from './deps.js';
import type { MessageId } from './messages-en.js';
import type { RequestForm } from './schemas.js';

/** Longest name kept (Graph's displayName holds 256); longer is refused, not cut. */
export const MAX_NAME = 256;

export type Choice =
  | { kind: 'account'; template: CompiledTemplate }
  | { kind: 'group-join'; groupId: string }
  | { kind: 'group-create' };

export function readChoice(
  value: string | undefined,
  eligible: readonly CompiledTemplate[],
  ctx: Pick<PortalContext, 'config'>,
): Choice | undefined {
  if (value === undefined) return undefined;
  if (value.startsWith('account:')) {
    const template = eligible.find((t) => t.config.name === value.slice('account:'.length));
    return template ? { kind: 'account', template } : undefined;
  }
  if (value.startsWith('join:')) {
    const groupId = value.slice('join:'.length);
    return ctx.config.groups.joinable.includes(groupId) ? { kind: 'group-join', groupId } : undefined;
  }
  if (value === 'create' && ctx.config.groups.allowCreate) return { kind: 'group-create' };
  return undefined;
}

export interface ReadRequest {
  problems: MessageId[];
  request?: Omit<NewRequest, 'address' | 'locale' | 'source'>;
  /** The template the request is filed under (for a group request: the address's first eligible one). */
  template?: CompiledTemplate;
}

const clean = (s: string | undefined): string => (s ?? '').normalize('NFC').trim();

export function readRequest(
  form: RequestForm,
  eligible: readonly CompiledTemplate[],
  ctx: Pick<PortalContext, 'config' | 'naming'>,
): ReadRequest {
  const problems: MessageId[] = [];
  const choice = readChoice(form.choice, eligible, ctx);
  if (!choice) problems.push('request.chooseNeeded');
  const givenName = clean(form.given);
  const surname = clean(form.surname);
  if (givenName === '' && surname === '') problems.push('request.nameNeeded');
  else if (givenName.length > MAX_NAME || surname.length > MAX_NAME) problems.push('request.nameTooLong');
  if (form.consent !== 'yes') problems.push('request.consentNeeded');
  if (!choice) return { problems };

  const template = choice.kind === 'account' ? choice.template : eligible[0];
  if (!template) return { problems: [...problems, 'request.chooseNeeded'] };
  const base = { template: template.config.name, givenName, surname };

  if (choice.kind === 'account') {
    if (givenName !== '' || surname !== '') {
      const preview = previewAccountName({ given: givenName, surname }, template.upn);
      if (!preview.ok) problems.push('request.nameUnusable');
    }
    return {
      problems,
      template,
      request: { ...base, kind: 'account', approved: !template.config.approvalRequired },
    };
  }
  if (choice.kind === 'group-join')
    return {
      problems,
      template,
      request: {
        ...base,
        kind: 'group-join',
        groupId: choice.groupId,
        approved: !template.config.approvalRequired,
      },
    };

  const kind: GroupKind = form.groupKind ?? 'm365';
  try {
    const named = applyGroupNaming(form.groupName ?? '', {}, ctx.naming[kind]);
    const description = clean(form.groupDescription);
    return {
      problems,
      template,
      // A new group always waits for an administrator: it is a new object in the tenant with an owner.
      request: {
        ...base,
        kind: 'group-create',
        groupName: named.displayName,
        groupKind: kind,
        ...(description !== '' ? { groupDescription: description } : {}),
        approved: false,
      },
    };
  } catch (e) {
    if (e instanceof GroupNameError)
      return { problems: [...problems, `group.${e.reason}` as MessageId], template };
    throw e;
  }
}
