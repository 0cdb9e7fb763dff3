// Maps the alerts of an answer one by one: an alert whose sighting fails CTIM validation (with
// relay.checkAnswers on) is left out with a warning instead of failing every other sighting.
import { CtimError, type Sighting } from '../../../ctim/index.js';
import { RELAY_CODES } from '../../../protocol/relay-error.js';
import type { Observable } from '../../../protocol/schemas.js';
import type { FoundAlert } from '../backends/types.js';

export function sightingsOf<A extends { id: string }>(
  found: readonly FoundAlert<A>[],
  map: (alert: A, matched: readonly Observable[]) => Sighting,
  warn: (code: string, message: string) => void,
): Sighting[] {
  const out: Sighting[] = [];
  for (const f of found) {
    try {
      out.push(map(f.alert, f.matched));
    } catch (e) {
      if (!(e instanceof CtimError)) throw e;
      warn(RELAY_CODES.UNKNOWN, `Alert ${f.alert.id} could not be shown: ${e.message}`);
    }
  }
  return out;
}
