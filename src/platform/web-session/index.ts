// Console sessions, CSRF, the sign-in throttle, roles and the audit log (issue 14). The sole entry point.
export {
  type AuditEntry,
  AuditLog,
  type AuditLogOptions,
  type AuditQuery,
  MAX_AUDIT_PAGE,
} from './audit-log.js';
export { type AuditInput, type AuditOutcome, isActionCode, OUTCOMES } from './audit-record.js';
export {
  type CookieMode,
  clearSessionCookie,
  cookieModeFor,
  findCookie,
  LOOPBACK_SESSION_COOKIE,
  readSessionCookie,
  SESSION_COOKIE,
  serializeSessionCookie,
  sessionCookieName,
} from './cookie.js';
export { CSRF_FIELD, CSRF_HEADER, checkCsrf, csrfMatches } from './csrf.js';
export {
  AuditCursorError,
  CrossSiteError,
  CsrfError,
  errors,
  ForbiddenError,
  InsecureUrlError,
  RecordInvalidError,
  SessionOptionsError,
  SessionRequiredError,
  type SessionMissingReason,
  SignInThrottledError,
} from './errors.js';
export {
  type AuditOptions,
  auditOptionsSchema,
  type SessionOptions,
  sessionOptionsSchema,
  type ThrottleOptions,
  throttleOptionsSchema,
} from './options.js';
export { checkSameOrigin, type RequestSource } from './origin.js';
export { ACTIONS, type ConsoleAction, can, isRole, requireAction, ROLES, type Role } from './roles.js';
export type { NewSession } from './session-record.js';
export {
  type CreatedSession,
  type Session,
  type SessionInfo,
  type SessionLookup,
  SessionStore,
  type SessionStoreOptions,
} from './session-store.js';
export {
  type AttemptTicket,
  type SignInAttempt,
  SignInThrottle,
  type SignInThrottleOptions,
} from './throttle.js';
export { ipKey, userNameKey } from './throttle-keys.js';
