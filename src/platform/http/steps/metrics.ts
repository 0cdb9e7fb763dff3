// Metrics step: counts every attempt by service, host and outcome (status or error code), counts
// throttling answers and records the attempt's duration.
import { outsideCallSeconds, outsideCalls, outsideThrottled } from '../../metrics.js';
import { isGsocError } from '../../errors.js';
import type { ChainContext, Step } from '../types.js';

export function metricsStep(ctx: ChainContext): Step {
  return async function measure(req, next) {
    const labels = { service: ctx.service, host: req.url.host };
    const end = outsideCallSeconds.startTimer(labels);
    try {
      const res = await next(req);
      end();
      outsideCalls.inc({ ...labels, outcome: String(res.status) });
      if (res.status === 429 || (res.status === 503 && res.headers['retry-after'] !== undefined)) {
        outsideThrottled.inc(labels);
      }
      return res;
    } catch (e) {
      end();
      outsideCalls.inc({ ...labels, outcome: isGsocError(e) ? e.code : 'error' });
      throw e;
    }
  };
}
