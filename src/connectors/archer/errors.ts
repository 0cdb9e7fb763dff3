// Error catalogue of the RSA Archer connector and its typed errors. Archer reports business failures
// as HTTP 200 with IsSuccessful:false; those become ArcherValidationError with the ValidationMessages.
import { CallerError, type ErrorCatalogue, RemoteError } from '../../platform/errors.js';
import {
  HttpStatusError,
  type HttpStatusErrorInit,
  remoteErrorParser,
  statusMapper,
} from '../../platform/http/index.js';
import { archerErrorSchema, type ValidationMessage } from './schemas.js';

export const errors = {
  NOT_CONFIGURED: {
    code: 'GSOC_ARCHER_NOT_CONFIGURED',
    actor: 'caller',
    summary: 'The [archer] section lacks baseUrl, instanceName, username or password.',
    fix: 'Set the missing keys; give the password through GRAPHSOC_ARCHER_PASSWORD or passwordFile.',
  },
  AUTH_FAILED: {
    code: 'GSOC_ARCHER_AUTH_FAILED',
    actor: 'caller',
    summary: 'Archer refused the login (IsSuccessful:false, usually LoginNotValid).',
    fix: 'Check instanceName, username, userDomain and the password; a locked account needs an Archer admin. With SSO, allow manual bypass for the API user.',
  },
  SESSION_REJECTED: {
    code: 'GSOC_ARCHER_SESSION_REJECTED',
    actor: 'remote',
    summary: 'Archer answered 401 even with a session token from a fresh login.',
    fix: "Check the API user's role and its access to the application; a proxy dropping the Authorization header has the same effect.",
  },
  VALIDATION_FAILED: {
    code: 'GSOC_ARCHER_VALIDATION_FAILED',
    actor: 'remote',
    summary: 'Archer refused a request with IsSuccessful:false; the message quotes its ValidationMessages.',
    fix: 'Read the messages: a required field, a layout change or a permission usually explains it.',
  },
  NOT_FOUND: {
    code: 'GSOC_ARCHER_NOT_FOUND',
    actor: 'remote',
    summary: 'Archer has no object with that id ("No resource found.").',
    fix: 'The record, attachment or metadata item was deleted or never existed; check the id in the message.',
  },
  UNKNOWN_NAME: {
    code: 'GSOC_ARCHER_UNKNOWN_NAME',
    actor: 'caller',
    summary:
      'An application, level, field or values-list value named in the configuration does not exist in Archer.',
    fix: 'Use one of the names the message lists (they are what Archer has), or ask the Archer admin to add it.',
  },
  VALUE_INVALID: {
    code: 'GSOC_ARCHER_VALUE_INVALID',
    actor: 'caller',
    summary: "A value does not fit its Archer field's type (for example text for a values-list field).",
    fix: 'Check the field mapping in the configuration against the field types Archer reports.',
  },
  NOT_ARCHER: {
    code: 'GSOC_ARCHER_NOT_ARCHER',
    actor: 'remote',
    summary:
      'The configured address answered with an HTML page instead of the Archer REST API (a wrong path, or a proxy or maintenance page).',
    fix: 'Check baseUrl (include the virtual directory, e.g. /rsaarcher) and basePath (/platformapi or /api).',
  },
  THROTTLED: {
    code: 'GSOC_ARCHER_THROTTLED',
    actor: 'remote',
    summary: 'Archer (or a proxy in front of it) kept answering 429 after all retries.',
    fix: 'Lower the Archer concurrency or rate limit; the job retries later.',
  },
  SERVICE_FAILED: {
    code: 'GSOC_ARCHER_SERVICE_FAILED',
    actor: 'remote',
    summary: 'Archer answered with a 5xx status after all retries.',
    fix: 'Usually transient; check the Archer web and services hosts if it persists.',
  },
  REQUEST_REJECTED: {
    code: 'GSOC_ARCHER_REQUEST_REJECTED',
    actor: 'remote',
    summary: 'Archer rejected a request with a 4xx status other than 401 or 429.',
    fix: 'A 404 usually means a wrong basePath or an older Archer release; otherwise report it as a bug.',
  },
} as const satisfies ErrorCatalogue;

/** Reads ASP.NET's `{Message}` or OData's `{error:{message}}` from an error answer. */
export const parseArcherError = remoteErrorParser(archerErrorSchema, (body) => {
  const d = body as { Message?: string; error?: { code?: string; message: string } };
  if (d.error) return { ...(d.error.code ? { code: d.error.code } : {}), message: d.error.message };
  return d.Message === undefined ? undefined : { message: d.Message };
});

/** Archer answers a missing object with IsSuccessful:false, not 404 (see envelope.ts). */
const archerStatus = statusMapper(errors, {
  table: { 429: 'THROTTLED', 401: 'SESSION_REJECTED', '5xx': 'SERVICE_FAILED', default: 'REQUEST_REJECTED' },
});

/** A non-2xx answer from Archer: status, its message, host and attempts. */
export class ArcherError extends HttpStatusError {
  constructor(init: HttpStatusErrorInit) {
    super(init, archerStatus(init));
  }
}

/** The text of Archer's validation messages, for error messages and logs. */
export function describeMessages(messages: readonly ValidationMessage[]): string {
  const parts = messages.map(
    (m) =>
      m.ResourcedMessage ?? m.MessageKey?.replace(/^ValidationMessageTemplates:/, '') ?? m.Description ?? '?',
  );
  return parts.length > 0 ? parts.join('; ') : 'no validation message';
}

/** IsSuccessful:false on a request other than login. */
export class ArcherValidationError extends RemoteError {
  readonly validationMessages: readonly ValidationMessage[];
  constructor(
    what: string,
    messages: readonly ValidationMessage[],
    spec: { code: string } = errors.VALIDATION_FAILED,
  ) {
    super(spec.code, `Archer refused ${what}: ${describeMessages(messages)}`, {
      details: { messageKeys: messages.map((m) => m.MessageKey ?? null) },
    });
    this.validationMessages = messages;
  }
}

/** Login refused. The message names instance and user, never the password. */
export class ArcherAuthError extends CallerError {
  readonly validationMessages: readonly ValidationMessage[];
  constructor(instanceName: string, username: string, messages: readonly ValidationMessage[]) {
    super(
      errors.AUTH_FAILED.code,
      `Archer refused the login of user "${username}" on instance "${instanceName}": ${describeMessages(messages)}`,
      { httpStatus: 502, details: { instanceName, username } },
    );
    this.validationMessages = messages;
  }
}

/** A name with no match; `known` lists the names Archer has, so the fix is in the message. */
export class ArcherUnknownNameError extends CallerError {
  readonly known: readonly string[];
  constructor(kind: string, name: string, where: string, known: readonly string[]) {
    const list = known.length > 0 ? known.map((k) => `"${k}"`).join(', ') : 'none';
    super(errors.UNKNOWN_NAME.code, `Archer has no ${kind} "${name}" ${where}; known: ${list}`, {
      httpStatus: 502,
      details: { kind, name, known },
    });
    this.known = known;
  }
}

export class ArcherValueError extends CallerError {
  constructor(message: string) {
    super(errors.VALUE_INVALID.code, message);
  }
}

export class ArcherConfigError extends CallerError {
  constructor(missing: readonly string[]) {
    super(errors.NOT_CONFIGURED.code, `[archer] is missing ${missing.join(', ')}`);
  }
}
