// Chooses and records a free account name for a request: the numbered candidates of its base name
// (policy/upn.ts), each checked against the directory (a user holds it) and then claimed by recording
// it on the request (false: another live request holds it, the partial unique index says so). The
// name is recorded BEFORE any user is created, so a crash never moves a person to the next number.
import { findUserByUpn } from '../../../connectors/microsoft/graph/index.js';
import { UpnExhaustedError } from '../../errors.js';
import type { Step } from '../../model/request.js';
import { accountName, baseLocalPart, candidates, maxLocalLength } from '../../policy/upn.js';
import { type StepContext, templateOf } from '../context.js';

/**
 * The name now recorded on the request at `step`, or undefined when the request left that step
 * (someone else moved it). Names the directory shows as taken are skipped, so the user step calls
 * this again when the name it held turned out to be someone else's.
 */
export async function chooseUpn(ctx: StepContext, step: Step): Promise<string | undefined> {
  const { deps, r } = ctx;
  const t = templateOf(ctx);
  const base = baseLocalPart({ given: r.givenName, surname: r.surname }, t.upn);
  let tries = 0;
  for (const local of candidates(base, deps.config.upnMaxTries, maxLocalLength(t.upn.domain))) {
    ctx.signal.throwIfAborted();
    tries++;
    const { upn } = accountName(local, t.upn.domain);
    if (await findUserByUpn(deps.graph, upn, ctx.read)) continue;
    const claimed = await deps.requests.record(
      r.id,
      step,
      { upn },
      { action: 'directory.upn-chosen', detail: { upn } },
    );
    if (claimed) return upn;
    const now = await deps.requests.get(r.id);
    if (now?.state !== 'approved' || now.step !== step) return undefined;
  }
  throw new UpnExhaustedError(`${base}@${t.upn.domain}`, tries);
}
