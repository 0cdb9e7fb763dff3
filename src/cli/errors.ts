// Error catalogue of the commands themselves: what a command refuses before any feature's code runs.
import { CallerError, type ErrorCatalogue, RemoteError } from '../platform/errors.js';

export const errors = {
  DATABASE_MISSING: {
    code: 'GSOC_CLI_DATABASE_MISSING',
    actor: 'caller',
    summary:
      'A command that works on the database serve uses (phishing release) found none at database.url: no SQLite file, or no graphsoc tables in it.',
    fix: 'Point database.url (the file, GRAPHSOC_DATABASE_URL or --config) at the database serve uses; the command never creates one.',
  },
  CHECK_TIMEOUT: {
    code: 'GSOC_CLI_CHECK_TIMEOUT',
    actor: 'remote',
    summary: 'A check of `config check --online` got no answer within its time (30 seconds).',
    fix: 'Check the network path to the service the check names (proxy, firewall, DNS) and whether it is up.',
  },
} as const satisfies ErrorCatalogue;

export class DatabaseMissingError extends CallerError {
  constructor(message: string) {
    super(errors.DATABASE_MISSING.code, message);
  }
}

export class CheckTimeoutError extends RemoteError {
  constructor(check: string, ms: number) {
    super(errors.CHECK_TIMEOUT.code, `${check} got no answer within ${Math.round(ms / 1000)} s`);
  }
}
