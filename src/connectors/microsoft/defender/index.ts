// Microsoft Defender for Endpoint connector: the only way graphsoc talks to the MDE API.
export {
  createDefenderClient,
  type DefenderClient,
  type DefenderRequest,
  parseDefenderError,
} from './client.js';
export { DefenderError, errors } from './errors.js';
export { deleteIndicator, listIndicators, submitIndicator } from './resources/indicators.js';
export {
  isolate,
  listMachineActions,
  runAntiVirusScan,
  unisolate,
} from './resources/machine-actions.js';
export { findMachinesByDnsName, getMachine } from './resources/machines.js';
export { odataString } from './resources/odata.js';
export type {
  DefenderCallOptions,
  DefenderClientOptions,
  Indicator,
  IndicatorAction,
  IndicatorSeverity,
  IndicatorType,
  Machine,
  MachineAction,
  NewIndicator,
} from './types.js';

import type { DefenderClient } from './client.js';
import { machineListSchema } from './schemas.js';

/** Cheap credential and permission check for /health and `cli check` (STYLE.md rule 19). */
export async function ping(client: DefenderClient): Promise<void> {
  await client.get('machines', machineListSchema, { query: { $top: 1 } });
}
