// Error catalogue of the self-service accounts feature, so far its pure policy: a name that gives no
// account name, a UPN pattern or address pattern the configuration may not hold, an address refused
// as hostile or not eligible, no free UPN within the tries, a group name the naming policy refuses,
// and an `[accounts]` section that does not validate. Each refusal carries a `reason` the public
// pages translate, so a person reads why without the message naming anything internal.
import { CallerError, type ErrorCatalogue, InternalError } from '../platform/errors.js';

export const errors = {
  NAME_UNUSABLE: {
    code: 'GSOC_ACCOUNTS_NAME_UNUSABLE',
    actor: 'caller',
    summary:
      'A given name or surname leaves no letters or digits for an account name once transliterated (only symbols, emoji or a script without a Latin form).',
    fix: 'The person enters their name in Latin letters, or an administrator creates the account with a chosen UPN.',
  },
  UPN_PATTERN_INVALID: {
    code: 'GSOC_ACCOUNTS_UPN_PATTERN_INVALID',
    actor: 'caller',
    summary:
      "A template's upnPattern names an unknown placeholder, has none of {given}, {surname}, or holds a character a UPN may not.",
    fix: 'Use {given}, {surname}, {initial} and {surnameInitial} with letters, digits, `.`, `-` or `_` between them; docs/accounts.md lists examples.',
  },
  UPN_INVALID: {
    code: 'GSOC_ACCOUNTS_UPN_INVALID',
    actor: 'caller',
    summary:
      "A user principal name or mailNickname breaks Graph's rules (length, characters, a dot at either end or twice in a row, a domain that is too long).",
    fix: 'Choose a shorter or plainer name; the message names the rule. Graph allows 64 characters before the @ and 113 in all.',
  },
  UPN_EXHAUSTED: {
    code: 'GSOC_ACCOUNTS_UPN_EXHAUSTED',
    actor: 'caller',
    summary:
      'Every candidate UPN up to the configured number of tries (name, name2, name3 …) is already taken in the directory.',
    fix: 'Raise accounts.upnMaxTries, or give the template a pattern with more of the name (`{given}.{surname}` instead of `{initial}{surname}`).',
  },
  ADDRESS_INVALID: {
    code: 'GSOC_ACCOUNTS_ADDRESS_INVALID',
    actor: 'caller',
    summary:
      'An e-mail address was refused before any other check: too long, quoted, with a comment, control or invisible characters, a non-ASCII local part, or look-alike letters from mixed scripts in its domain.',
    fix: "The person enters their plain institutional address (`name@example.edu`); the reason in the error's details says which rule it broke.",
  },
  ADDRESS_NOT_ELIGIBLE: {
    code: 'GSOC_ACCOUNTS_ADDRESS_NOT_ELIGIBLE',
    actor: 'caller',
    summary: "An address matches no template's domains or patterns.",
    fix: "Check the templates' domains, allowSubdomains and patterns in [[accounts.templates]]; the person may have used a private address.",
  },
  ADDRESS_PATTERN_INVALID: {
    code: 'GSOC_ACCOUNTS_ADDRESS_PATTERN_INVALID',
    actor: 'caller',
    summary:
      "A template's address pattern is not a glob graphsoc accepts (one @, only `*` and `?` as wildcards, at most four `*`, at most 128 characters).",
    fix: 'Write the pattern as a glob such as `st*@stud.example.edu`; regular expressions are not accepted (docs/accounts.md says why).',
  },
  GROUP_NAME_REFUSED: {
    code: 'GSOC_ACCOUNTS_GROUP_NAME_REFUSED',
    actor: 'caller',
    summary:
      'A requested group name breaks the naming policy: a blocked word, too short or too long with its prefix and suffix, invisible characters, or an attribute the prefix needs is missing.',
    fix: "The person chooses another name; the reason in the error's details says which rule it broke.",
  },
  CONFIG_INVALID: {
    code: 'GSOC_ACCOUNTS_CONFIG_INVALID',
    actor: 'caller',
    summary:
      'The [accounts] section does not validate (a template whose upnDomain is not listed, an unknown usageLocation, a duplicate template name, a bad pattern).',
    fix: 'Correct the keys the message names; docs/accounts.md lists every key with its default and bounds.',
  },
  REQUEST_DUPLICATE: {
    code: 'GSOC_ACCOUNTS_REQUEST_DUPLICATE',
    actor: 'caller',
    summary:
      'The address already has an account request under this template that is pending, approved, done or failed (one account per verified address and template).',
    fix: 'The person follows their status link; an administrator retries or denies the existing request, or deletes its account, before a new one.',
  },
  REQUEST_NOT_FOUND: {
    code: 'GSOC_ACCOUNTS_REQUEST_NOT_FOUND',
    actor: 'caller',
    summary: 'No request has this id (it was never filed, or the retention purge removed it).',
    fix: 'Open the request from the requests list.',
  },
  REQUEST_STATE: {
    code: 'GSOC_ACCOUNTS_REQUEST_STATE',
    actor: 'caller',
    summary:
      'The action does not apply to the request in its state now (approving one that is not pending, retrying one that has not failed), often because someone else acted first.',
    fix: 'Reload the request: its page shows the state and who decided.',
  },
  TENANT_MISMATCH: {
    code: 'GSOC_ACCOUNTS_TENANT_MISMATCH',
    actor: 'caller',
    summary:
      'The tenant lacks something [accounts] names: an upnDomain that is not verified (or is federated), a licence SKU it does not subscribe to, a group id that does not exist, or the sender mailbox.',
    fix: 'Correct the key the message names, or add the domain, subscription, group or mailbox in the tenant; `graphsoc config check --online` lists every mismatch at once.',
  },
  POLICY_BROKEN: {
    code: 'GSOC_ACCOUNTS_POLICY_BROKEN',
    actor: 'internal',
    summary: 'The account-name policy produced a value that breaks its own rules.',
    fix: 'Report it as a bug, with the template and the (redacted) name from the message.',
  },
} as const satisfies ErrorCatalogue;

/** Why a name gave no account name. */
export type NameReason = 'EMPTY' | 'NO_LATIN_LETTERS' | 'NOT_TEXT';

export class NameUnusableError extends CallerError {
  constructor(
    readonly field: 'given' | 'surname' | 'name',
    readonly reason: NameReason,
  ) {
    super(errors.NAME_UNUSABLE.code, `The ${field} name gives no letters for an account name (${reason})`, {
      details: { field, reason },
    });
  }
}

export class UpnPatternError extends CallerError {
  constructor(
    readonly pattern: string,
    readonly problem: string,
  ) {
    super(errors.UPN_PATTERN_INVALID.code, `UPN pattern ${JSON.stringify(pattern)}: ${problem}`, {
      details: { pattern, problem },
    });
  }
}

export type UpnRule =
  | 'LOCAL_EMPTY'
  | 'LOCAL_TOO_LONG'
  | 'TOTAL_TOO_LONG'
  | 'DOMAIN_INVALID'
  | 'DOMAIN_TOO_LONG'
  | 'CHARACTER'
  | 'DOT_AT_END'
  | 'DOUBLE_DOT';

export class UpnInvalidError extends CallerError {
  constructor(
    readonly rule: UpnRule,
    what: 'userPrincipalName' | 'mailNickname' | 'domain',
  ) {
    super(errors.UPN_INVALID.code, `The ${what} breaks Graph's rule ${rule}`, { details: { rule, what } });
  }
}

export class UpnExhaustedError extends CallerError {
  constructor(
    readonly base: string,
    readonly tries: number,
  ) {
    super(errors.UPN_EXHAUSTED.code, `No free UPN for ${base} within ${tries} tries`, {
      httpStatus: 409,
      details: { base, tries },
    });
  }
}

export type AddressReason =
  | 'NOT_A_STRING'
  | 'EMPTY'
  | 'TOO_LONG'
  | 'INVISIBLE_CHARACTER'
  | 'WHITESPACE'
  | 'AT_SIGN'
  | 'QUOTED'
  | 'COMMENT'
  | 'SPECIAL_CHARACTER'
  | 'NON_ASCII_LOCAL'
  | 'LOCAL_INVALID'
  | 'DOMAIN_LITERAL'
  | 'DOMAIN_INVALID'
  | 'MIXED_SCRIPT';

/** The message never repeats the address: it is hostile input and may be personal data. */
export class AddressInvalidError extends CallerError {
  constructor(readonly reason: AddressReason) {
    super(errors.ADDRESS_INVALID.code, `The e-mail address is refused (${reason})`, { details: { reason } });
  }
}

export class AddressNotEligibleError extends CallerError {
  constructor() {
    super(errors.ADDRESS_NOT_ELIGIBLE.code, 'The e-mail address matches no account template', {
      httpStatus: 403,
    });
  }
}

export class AddressPatternError extends CallerError {
  constructor(
    readonly pattern: string,
    readonly problem: string,
  ) {
    super(errors.ADDRESS_PATTERN_INVALID.code, `Address pattern ${JSON.stringify(pattern)}: ${problem}`, {
      details: { pattern, problem },
    });
  }
}

export type GroupNameReason =
  | 'EMPTY'
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'INVISIBLE_CHARACTER'
  | 'FORBIDDEN_CHARACTER'
  | 'BLOCKED_WORD'
  | 'ATTRIBUTE_MISSING'
  | 'NO_MAIL_NICKNAME';

export class GroupNameError extends CallerError {
  constructor(
    readonly reason: GroupNameReason,
    detail?: string,
  ) {
    super(
      errors.GROUP_NAME_REFUSED.code,
      `The group name is refused (${reason}${detail ? `: ${detail}` : ''})`,
      { details: { reason, ...(detail ? { detail } : {}) } },
    );
  }
}

export class AccountsConfigError extends CallerError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(errors.CONFIG_INVALID.code, `[accounts] is invalid: ${problems.join('; ')}`, {
      details: { problems },
    });
    this.problems = problems;
  }
}

export class PolicyBrokenError extends InternalError {
  constructor(problem: string) {
    super(errors.POLICY_BROKEN.code, `Account-name policy: ${problem}`);
  }
}

export class DuplicateRequestError extends CallerError {
  constructor(readonly template: string) {
    super(
      errors.REQUEST_DUPLICATE.code,
      `The address already has an account request under template ${template}`,
      {
        httpStatus: 409,
        details: { template },
      },
    );
  }
}

export class RequestNotFoundError extends CallerError {
  constructor(readonly id: string) {
    super(errors.REQUEST_NOT_FOUND.code, `No account request ${id}`, { httpStatus: 404, details: { id } });
  }
}

export class RequestStateError extends CallerError {
  constructor(
    readonly id: string,
    readonly state: string,
    readonly wanted: readonly string[],
  ) {
    super(errors.REQUEST_STATE.code, `Request ${id} is ${state}, not ${wanted.join(' or ')}`, {
      httpStatus: 409,
      details: { id, state, wanted },
    });
  }
}

export class TenantMismatchError extends CallerError {
  constructor(
    readonly key: string,
    problem: string,
  ) {
    super(errors.TENANT_MISMATCH.code, `accounts.${key}: ${problem}`, { details: { key } });
  }
}
