// The respond feature of the Graph Security module: actions offered per observable and running one,
// through Microsoft Defender for Endpoint.
export { ACTION_IDS, COMMENT, type RespondItem } from './catalogue.js';
export { respondErrorFrom } from './errors.js';
export { offerActions } from './offer.js';
export { RESPOND_TYPES } from './observable-values.js';
export { planTrigger, UNSUPPORTED_ACTION } from './params.js';
export { runTrigger } from './trigger.js';
