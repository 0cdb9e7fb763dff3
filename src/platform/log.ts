// The process logger: pino with key-based redaction plus a scrubber that removes every configured
// secret value from each line, so a secret cannot leak through an unexpected field or error message.
import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';

/** Field paths redacted wherever they appear (pino paths; `*` matches one level). */
export const REDACT_PATHS = [
  'password',
  'secret',
  'clientSecret',
  'client_secret',
  'token',
  'access_token',
  'accessToken',
  'authorization',
  'cookie',
  '*.password',
  '*.secret',
  '*.clientSecret',
  '*.client_secret',
  '*.token',
  '*.access_token',
  '*.accessToken',
  '*.authorization',
  '*.Authorization',
  '*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.Authorization',
  'tenants[*].clientSecret',
];

const REDACTED = '[redacted]';

function escapeForRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Builds a function that replaces each secret (raw and JSON-escaped forms) in a log line.
 * Secrets shorter than 4 characters are ignored: scrubbing them would mangle ordinary text.
 */
export function secretScrubber(secrets: readonly string[]): (line: string) => string {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (s.length < 4) continue;
    forms.add(s);
    forms.add(JSON.stringify(s).slice(1, -1));
    forms.add(encodeURIComponent(s));
  }
  if (forms.size === 0) return (line) => line;
  const re = new RegExp(
    [...forms]
      .sort((a, b) => b.length - a.length)
      .map(escapeForRegExp)
      .join('|'),
    'g',
  );
  return (line) => line.replace(re, REDACTED);
}

export interface LogOptions {
  level: string;
  /** Secret values to scrub from every line (from the loaded configuration). */
  secrets?: readonly string[];
  /** Where lines go; standard output by default. Tests pass a collecting stream. */
  destination?: DestinationStream;
  /** Fixed fields on every line, e.g. the instance id. */
  base?: Record<string, unknown>;
}

/** pino options shared by the process logger and Fastify's request logger. */
export function loggerOptions(opts: LogOptions): LoggerOptions {
  const scrub = secretScrubber(opts.secrets ?? []);
  return {
    level: opts.level,
    base: opts.base ?? {},
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    timestamp: pino.stdTimeFunctions.isoTime,
    hooks: { streamWrite: scrub },
  };
}

export type { Logger };

export function createLogger(opts: LogOptions): Logger {
  return pino(loggerOptions(opts), opts.destination ?? pino.destination({ dest: 1, sync: true }));
}
