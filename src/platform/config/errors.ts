// Error catalogue of the configuration layer.
import { CallerError, type ErrorCatalogue } from '../errors.js';

export const errors = {
  FILE_UNREADABLE: {
    code: 'GSOC_CONFIG_FILE_UNREADABLE',
    actor: 'caller',
    summary: 'The configuration file named by --config or GRAPHSOC_CONFIG cannot be read.',
    fix: 'Check the path and the file permissions of the service account.',
  },
  TOML_INVALID: {
    code: 'GSOC_CONFIG_TOML_INVALID',
    actor: 'caller',
    summary: 'The configuration file is not valid TOML.',
    fix: 'Fix the syntax at the line and column named in the message.',
  },
  INVALID: {
    code: 'GSOC_CONFIG_INVALID',
    actor: 'caller',
    summary: 'One or more configuration keys have a missing, unknown or wrongly typed value.',
    fix: 'Each problem names the file (or environment variable), the key, what was expected and what was found; see docs/configuration.md.',
  },
  SECRET_FILE_UNREADABLE: {
    code: 'GSOC_CONFIG_SECRET_FILE_UNREADABLE',
    actor: 'caller',
    summary: 'A `*File` key points to a secret file that cannot be read.',
    fix: 'Check the path in the key named in the message and that the service account may read it.',
  },
} as const satisfies ErrorCatalogue;

/** One problem found in the configuration, precise enough to fix without reading code. */
export interface ConfigProblem {
  /** The file the value came from, or `env GRAPHSOC_…` when an environment variable set it. */
  source: string;
  /** Dotted key path, e.g. `tenants[0].clientId`. */
  key: string;
  expected: string;
  /** What was found, rendered safely (secrets replaced by `[redacted]`). */
  found: string;
  /** A more specific code than GSOC_CONFIG_INVALID, when the problem has one. */
  code?: string;
}

/** One line per problem: `source: key: expected …; found …`. */
export function problemLine(p: ConfigProblem): string {
  return `${p.source}: ${p.key}: expected ${p.expected}; found ${p.found}`;
}

/** The error for a list of problems: their own code when they all share one, else GSOC_CONFIG_INVALID. */
export function invalidConfig(problems: ConfigProblem[]): ConfigError {
  const codes = new Set(problems.map((p) => p.code ?? errors.INVALID.code));
  const code = codes.size === 1 ? ([...codes][0] ?? errors.INVALID.code) : errors.INVALID.code;
  const lines = problems.map((p) => `  ${problemLine(p)}`);
  return new ConfigError({ code }, `invalid configuration:\n${lines.join('\n')}`, problems);
}

export class ConfigError extends CallerError {
  readonly problems: ConfigProblem[];
  constructor(spec: { code: string }, message: string, problems: ConfigProblem[] = [], cause?: unknown) {
    super(spec.code, message, { cause });
    this.problems = problems;
  }
}
