// Error catalogue of the relay feature (start-up problems; request errors use the relay protocol).
import { CallerError, type ErrorCatalogue } from '../platform/errors.js';

export const errors = {
  MODULE_UNKNOWN: {
    code: 'GSOC_RELAY_MODULE_UNKNOWN',
    actor: 'caller',
    summary: '`relay.modules` names a module graphsoc does not have.',
    fix: 'Use one of the module names listed in docs/relay.md (today: graph-security).',
  },
  MOUNT_INVALID: {
    code: 'GSOC_RELAY_MOUNT_INVALID',
    actor: 'caller',
    summary: '`relay.mount = "root"` serves exactly one module, but several (or none) are enabled.',
    fix: 'Enable one module, or use `relay.mount = "prefixed"`.',
  },
} as const satisfies ErrorCatalogue;

export class RelaySetupError extends CallerError {
  constructor(spec: { code: string }, message: string) {
    super(spec.code, message);
  }
}
