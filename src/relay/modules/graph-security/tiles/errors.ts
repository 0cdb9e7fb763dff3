// Errors of the dashboard tiles: a tile id or period the module does not offer is the caller's mistake,
// answered with the relay's `invalid argument` code (reference/relay.md §1.4), never an HTTP 500.
import { RELAY_CODES, RelayError } from '../../../protocol/relay-error.js';

export function invalidTileArgument(message: string): RelayError {
  return new RelayError(RELAY_CODES.INVALID_ARGUMENT, message, 'fatal');
}
