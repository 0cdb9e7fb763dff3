// Defender for Endpoint failures → relay errors, worded like the MDE relay's (reference/relay.md §3,
// §4) with Defender's own code and message; anything else goes through the module's Graph mapping.
import { DefenderError } from '../../../../connectors/microsoft/defender/index.js';
import { errors as httpErrors, HttpTransportError } from '../../../../platform/http/index.js';
import { RelayError } from '../../../protocol/relay-error.js';
import { relayErrorFrom, statusError, tooManyRequests } from '../errors.js';
import { PRODUCT } from './catalogue.js';

export function respondErrorFrom(e: unknown): RelayError {
  // Defender asked to wait (Retry-After) longer than the relay request may take.
  if (
    e instanceof HttpTransportError &&
    e.code === httpErrors.DEADLINE_EXCEEDED.code &&
    e.details?.lastStatus === 429
  )
    return tooManyRequests(PRODUCT, e);
  if (!(e instanceof DefenderError)) return relayErrorFrom(e);
  const detail = [e.remoteCode, e.remoteMessage].filter(Boolean).join(': ') || e.message;
  if (e.actionPending)
    return new RelayError(
      'invalid request',
      `${PRODUCT} is already running this action on the machine (${detail}). Wait for it to finish, then try again.`,
      'fatal',
      e,
    );
  if (e.status === 404)
    return new RelayError('invalid request', `${PRODUCT} does not know this object: ${detail}`, 'fatal', e);
  return (
    statusError(PRODUCT, e.status, detail, e) ??
    (e.status < 500
      ? new RelayError('invalid request', `Invalid request to ${PRODUCT}: ${detail}`, 'fatal', e)
      : new RelayError('unknown', `Unexpected response from ${PRODUCT}: ${detail}`, 'fatal', e))
  );
}
