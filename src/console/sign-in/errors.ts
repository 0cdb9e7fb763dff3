// Error catalogue of the console's sign-in routes: a sign-in answer that matches no sign-in under way,
// a refused break-glass password, and the break-glass password file.
import { CallerError, type ErrorCatalogue } from '../../platform/errors.js';

export const errors = {
  FLOW_INVALID: {
    code: 'GSOC_CONSOLE_SIGNIN_FLOW_INVALID',
    actor: 'caller',
    summary:
      'A sign-in answer came back with a state that matches no sign-in under way in this browser: forged, replayed, older than ten minutes, or started in another browser.',
    fix: 'Start the sign-in again from the console; only the latest sign-in of a browser can finish.',
  },
  BAD_CREDENTIALS: {
    code: 'GSOC_CONSOLE_SIGNIN_BAD_CREDENTIALS',
    actor: 'caller',
    summary: 'The break-glass user name or password was wrong.',
    fix: 'Check both; each failure counts towards the sign-in throttle (console.signInThrottle).',
  },
  METHOD_OFF: {
    code: 'GSOC_CONSOLE_SIGNIN_METHOD_OFF',
    actor: 'caller',
    summary: 'A sign-in was tried with Entra ID or the break-glass account while that way is not configured.',
    fix: 'Set console.entra.tenant, or console.breakGlass.enabled with passwordHashFile (docs/console.md).',
  },
  PASSWORD_FILE_INVALID: {
    code: 'GSOC_CONSOLE_SIGNIN_PASSWORD_FILE_INVALID',
    actor: 'caller',
    summary: 'The break-glass password hash file cannot be read or does not hold a hash line.',
    fix: 'Write it with `graphsoc console hash-password > file` and point console.breakGlass.passwordHashFile at it.',
  },
} as const satisfies ErrorCatalogue;

export class FlowInvalidError extends CallerError {
  constructor(why: 'unknown' | 'browser' | 'expired') {
    super(errors.FLOW_INVALID.code, 'this sign-in answer matches no sign-in under way', {
      httpStatus: 400,
      details: { why },
    });
  }
}

export class BadCredentialsError extends CallerError {
  constructor() {
    super(errors.BAD_CREDENTIALS.code, 'wrong user name or password', { httpStatus: 401 });
  }
}

export class MethodOffError extends CallerError {
  constructor(method: 'entra' | 'break-glass') {
    super(errors.METHOD_OFF.code, `sign-in with ${method} is not configured`, {
      httpStatus: 404,
      details: { method },
    });
  }
}

export class PasswordFileError extends CallerError {
  constructor(message: string, cause?: unknown) {
    super(errors.PASSWORD_FILE_INVALID.code, `break-glass password file: ${message}`, { cause });
  }
}
