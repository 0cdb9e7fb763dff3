// The module's respond handlers: Defender client per token, upstream failures as relay errors.
import type { RelayContext } from '../../../module.js';
import type { Observable, TriggerParams } from '../../../protocol/schemas.js';
import type { DefenderClient } from '../../../../connectors/microsoft/defender/index.js';
import type { PerCredential } from '../clients.js';
import type { GraphSecurityClaims } from '../schemas.js';
import { offerActions } from './offer.js';
import { RESPOND_TYPES } from './observable-values.js';
import { planTrigger } from './params.js';
import { respondErrorFrom } from './errors.js';
import { runTrigger, type TriggerOptions } from './trigger.js';

type Ctx = RelayContext<GraphSecurityClaims>;

export function respondHandlers(clients: PerCredential<DefenderClient>, trigger: TriggerOptions) {
  const call = (ctx: Ctx) => ({ signal: ctx.signal, deadlineAt: ctx.deadlineAt, wait: ctx.upstream });
  return {
    respondTypes: RESPOND_TYPES,
    async respondObservables(ctx: Ctx, observables: Observable[]): Promise<unknown[]> {
      if (observables.length === 0) return [];
      try {
        return await offerActions(clients.for(ctx.claims), observables, { call: call(ctx), warn: ctx.warn });
      } catch (e) {
        throw respondErrorFrom(e);
      }
    },
    async respondTrigger(ctx: Ctx, params: TriggerParams): Promise<'success'> {
      // Checked before any upstream call: a refused request costs nothing of Defender's budget.
      const plan = planTrigger(params);
      try {
        await runTrigger(clients.for(ctx.claims), plan, call(ctx), trigger);
      } catch (e) {
        throw respondErrorFrom(e);
      }
      ctx.logger.info(
        { action: params['action-id'], observableType: params.observable_type },
        'respond action run',
      );
      return 'success';
    },
  };
}
