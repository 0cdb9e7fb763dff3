// Microsoft Defender for Endpoint connector: the only way graphsoc talks to the MDE API.
export { createDefenderClient, type DefenderClient, type DefenderRequest } from './client.js';
export { DefenderError, errors, parseDefenderError } from './errors.js';
export { deleteIndicator, listIndicators, submitIndicator } from './resources/indicators.js';
export { batchDeleteIndicators, importIndicators, MAX_BULK } from './resources/indicator-batches.js';
export { type ListAllOptions, listAllIndicators, MAX_PAGE } from './resources/indicator-pages.js';
export {
  isolate,
  listMachineActions,
  runAntiVirusScan,
  unisolate,
} from './resources/machine-actions.js';
export { findMachinesByDnsName, getMachine, listMachines } from './resources/machines.js';
// OData string literals, shared by every connector that writes $filter.
export { odataString } from '../../../platform/http/index.js';
export type {
  DefenderCallOptions,
  DefenderClientOptions,
  ImportIndicator,
  ImportResult,
  Indicator,
  IndicatorAction,
  IndicatorSeverity,
  IndicatorType,
  Machine,
  MachineAction,
  NewIndicator,
  ThrottleEvent,
} from './types.js';
