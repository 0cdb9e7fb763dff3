// Error catalogue of console sessions, CSRF, the sign-in throttle, roles and the audit log.
import { CallerError, type ErrorCatalogue, InternalError } from '../errors.js';

export const errors = {
  REQUIRED: {
    code: 'GSOC_SESSION_REQUIRED',
    actor: 'caller',
    summary:
      'A console request came without a live session: no session cookie, or one that is unknown, revoked, idle too long or past its lifetime.',
    fix: 'Sign in again; if it happens at once after signing in, check that the browser keeps cookies for the console address.',
  },
  CSRF_INVALID: {
    code: 'GSOC_SESSION_CSRF_INVALID',
    actor: 'caller',
    summary: "A console form was sent without its session's anti-forgery token, or with another one.",
    fix: 'Reload the page and send the form again; a form kept open across a sign-out carries an old token.',
  },
  CROSS_SITE: {
    code: 'GSOC_SESSION_CROSS_SITE',
    actor: 'caller',
    summary:
      'A state-changing console request came from another site, or without the Origin and Sec-Fetch-Site headers a browser sends.',
    fix: "Use the console's own pages; if a proxy rewrites the address, make the console's public URL match the address in the browser.",
  },
  FORBIDDEN: {
    code: 'GSOC_SESSION_FORBIDDEN',
    actor: 'caller',
    summary: 'The signed-in account has no role that allows this console action.',
    fix: 'Ask an administrator for the role the action needs (analyst to release or reanalyse, admin for settings and accounts).',
  },
  THROTTLED: {
    code: 'GSOC_SESSION_THROTTLED',
    actor: 'caller',
    summary: 'Too many failed sign-ins from this address or for this user name in the throttle window.',
    fix: 'Wait the number of seconds the answer gives (Retry-After); an administrator can see the attempts in the audit log.',
  },
  AUDIT_CURSOR_INVALID: {
    code: 'GSOC_SESSION_AUDIT_CURSOR_INVALID',
    actor: 'caller',
    summary: 'A page of the audit log was asked for with a cursor the console did not hand out.',
    fix: "Follow the console's own next-page link, or start again from the first page.",
  },
  INSECURE_URL: {
    code: 'GSOC_SESSION_INSECURE_URL',
    actor: 'caller',
    summary:
      "The console's public URL is plain HTTP to an address other than the loopback one, where a session cookie could be read on the way.",
    fix: 'Serve the console over HTTPS (or behind a proxy that does), or use plain HTTP only on 127.0.0.1, ::1 or localhost.',
  },
  OPTIONS_INVALID: {
    code: 'GSOC_SESSION_OPTIONS_INVALID',
    actor: 'internal',
    summary:
      'The session store, throttle or audit log got options out of bounds (configuration validation should have refused them).',
    fix: 'Report a bug with the console section of your configuration.',
  },
  RECORD_INVALID: {
    code: 'GSOC_SESSION_RECORD_INVALID',
    actor: 'internal',
    summary:
      'graphsoc tried to store a session or audit entry that breaks its shape (an unknown role, a malformed subject or action code).',
    fix: 'Report a bug with the message; nothing was stored.',
  },
} as const satisfies ErrorCatalogue;

/** No live session for the request; `reason` is for the log and the audit, never for the page. */
export type SessionMissingReason = 'none' | 'unknown' | 'idle' | 'expired';

export class SessionRequiredError extends CallerError {
  constructor(reason: SessionMissingReason) {
    super(errors.REQUIRED.code, 'sign in to use the console', { httpStatus: 401, details: { reason } });
  }
}

export class CsrfError extends CallerError {
  constructor(why: 'missing' | 'mismatch') {
    super(errors.CSRF_INVALID.code, 'the form is out of date or was not sent by the console', {
      httpStatus: 403,
      details: { why },
    });
  }
}

export class CrossSiteError extends CallerError {
  constructor(why: string) {
    super(errors.CROSS_SITE.code, `request refused: ${why}`, { httpStatus: 403 });
  }
}

export class ForbiddenError extends CallerError {
  constructor(action: string) {
    super(errors.FORBIDDEN.code, `your roles do not allow ${action}`, {
      httpStatus: 403,
      details: { action },
    });
  }
}

export class SignInThrottledError extends CallerError {
  readonly retryAfterSec: number;
  constructor(scope: 'ip' | 'user', retryAfterSec: number) {
    super(errors.THROTTLED.code, `too many failed sign-ins; try again in ${retryAfterSec} s`, {
      httpStatus: 429,
      details: { scope, retryAfterSec },
    });
    this.retryAfterSec = retryAfterSec;
  }
}

export class AuditCursorError extends CallerError {
  constructor() {
    super(errors.AUDIT_CURSOR_INVALID.code, 'not an audit log cursor');
  }
}

export class InsecureUrlError extends CallerError {
  constructor(url: string) {
    super(errors.INSECURE_URL.code, `session cookies need HTTPS or a loopback address, not ${url}`);
  }
}

export class SessionOptionsError extends InternalError {
  constructor(message: string, cause?: unknown) {
    super(errors.OPTIONS_INVALID.code, message, { cause });
  }
}

export class RecordInvalidError extends InternalError {
  constructor(message: string, cause?: unknown) {
    super(errors.RECORD_INVALID.code, message, { cause });
  }
}
