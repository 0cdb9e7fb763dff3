// Error codes of the public portal. Each refusal names the page text a person reads (`page`), so the
// scope's error handler renders it in their language without the message naming anything internal;
// the code and message go to the log with the request id. The lead adds `portalErrors` to the
// feature's catalogue.
import { CallerError, type ErrorCatalogue, RemoteError } from '../../platform/errors.js';

export const portalErrors = {
  PORTAL_RATE_LIMITED: {
    code: 'GSOC_ACCOUNTS_PORTAL_RATE_LIMITED',
    actor: 'caller',
    summary:
      'Too many codes were asked for one address or from one client network within the window (accounts.rateLimits).',
    fix: 'The person waits the Retry-After seconds the page names; raise rateLimits.perIp when many people share one network address (a campus NAT).',
  },
  PORTAL_CODE_REFUSED: {
    code: 'GSOC_ACCOUNTS_PORTAL_CODE_REFUSED',
    actor: 'caller',
    summary:
      'A verification code or link was wrong, expired, already used, or spent by too many wrong tries.',
    fix: 'The person asks for a new code on the start page.',
  },
  PORTAL_SESSION_REQUIRED: {
    code: 'GSOC_ACCOUNTS_PORTAL_SESSION_REQUIRED',
    actor: 'caller',
    summary:
      'A request page was opened without a verified address (no portal cookie, or it expired after 30 minutes).',
    fix: 'The person verifies their address again from the start page.',
  },
  PORTAL_FORM_INVALID: {
    code: 'GSOC_ACCOUNTS_PORTAL_FORM_INVALID',
    actor: 'caller',
    summary: 'A portal form or path parameter did not validate (missing field, wrong shape, too long).',
    fix: 'The person fills the form again; a client sending this repeatedly is not a browser using the pages.',
  },
  PORTAL_NOT_FOUND: {
    code: 'GSOC_ACCOUNTS_PORTAL_NOT_FOUND',
    actor: 'caller',
    summary: 'No portal page at this path, or a status link that is unknown or expired.',
    fix: 'The person opens the start page or the newest status link they were mailed.',
  },
  PORTAL_CREDENTIAL_SHOWN: {
    code: 'GSOC_ACCOUNTS_PORTAL_CREDENTIAL_SHOWN',
    actor: 'caller',
    summary: 'The first sign-in credential of this account was already shown once.',
    fix: 'The help desk issues a new Temporary Access Pass or resets the password in Entra ID.',
  },
  PORTAL_CREDENTIAL_FAILED: {
    code: 'GSOC_ACCOUNTS_PORTAL_CREDENTIAL_FAILED',
    actor: 'remote',
    summary: 'Graph refused or failed to create the first credential (Temporary Access Pass or password).',
    fix: 'Check the app has UserAuthenticationMethod.ReadWrite.All and that the Temporary Access Pass policy is enabled for the user; the person may ask for a new code and try again.',
  },
  PORTAL_MAIL_FAILED: {
    code: 'GSOC_ACCOUNTS_PORTAL_MAIL_FAILED',
    actor: 'remote',
    summary: 'Graph sendMail failed for a code or a notice the portal sends.',
    fix: 'Check accounts.mail.sender exists and the app has Mail.Send for it; the person tries again later.',
  },
} as const satisfies ErrorCatalogue;

/** The page text ids errors point at (portal/messages-*.ts). */
export type PageMessage =
  | 'error.rateLimited'
  | 'error.codeRefused'
  | 'error.sessionRequired'
  | 'error.form'
  | 'error.notFound'
  | 'error.crossSite'
  | 'error.credentialFailed'
  | 'error.mailFailed'
  | 'error.internal'
  | 'error.tooLarge';

export class PortalRateLimitedError extends CallerError {
  constructor(
    readonly limit: 'address' | 'ip',
    readonly retryAfterSec: number,
  ) {
    super(portalErrors.PORTAL_RATE_LIMITED.code, `Too many codes asked for per ${limit}`, {
      httpStatus: 429,
      details: { limit, retryAfterSec },
    });
  }
}

export class CodeRefusedError extends CallerError {
  constructor(readonly reason: string) {
    super(portalErrors.PORTAL_CODE_REFUSED.code, `The code or link was refused (${reason})`, {
      httpStatus: 400,
      details: { reason },
    });
  }
}

export class PortalSessionRequiredError extends CallerError {
  constructor() {
    super(portalErrors.PORTAL_SESSION_REQUIRED.code, 'No verified address in this browser', {
      httpStatus: 401,
    });
  }
}

export class PortalFormError extends CallerError {
  constructor(what: string) {
    super(portalErrors.PORTAL_FORM_INVALID.code, `The form is invalid (${what})`, { httpStatus: 400 });
  }
}

export class PortalNotFoundError extends CallerError {
  constructor() {
    super(portalErrors.PORTAL_NOT_FOUND.code, 'No such portal page', { httpStatus: 404 });
  }
}

export class CredentialShownError extends CallerError {
  constructor(readonly shownAt: number) {
    super(portalErrors.PORTAL_CREDENTIAL_SHOWN.code, 'The first credential was already shown', {
      httpStatus: 409,
    });
  }
}

export class CredentialFailedError extends RemoteError {
  constructor(cause: unknown) {
    super(portalErrors.PORTAL_CREDENTIAL_FAILED.code, 'Graph did not create the first credential', {
      httpStatus: 503,
      cause,
    });
  }
}

export class PortalMailFailedError extends RemoteError {
  constructor(cause: unknown) {
    super(portalErrors.PORTAL_MAIL_FAILED.code, 'Graph did not send the mail', { httpStatus: 503, cause });
  }
}
