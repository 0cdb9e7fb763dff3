// Machine actions: the recent ones of a machine, and isolate / release / antivirus scan.
// A repeated action is refused with ActiveRequestAlreadyExists rather than run twice, so the POSTs
// are marked safe to retry after a 429 or 503.
import { odataString, safePath } from '../../../../platform/http/index.js';
import type { DefenderClient, DefenderRequest } from '../client.js';
import { machineActionListSchema, machineActionSchema } from '../schemas.js';
import type { MachineAction } from '../types.js';

/** Newest first. @link https://learn.microsoft.com/defender-endpoint/api/get-machineactions-collection */
export async function listMachineActions(
  client: DefenderClient,
  machineId: string,
  o: DefenderRequest & { top?: number } = {},
): Promise<MachineAction[]> {
  const { top, ...rest } = o;
  const page = await client.get('machineactions', machineActionListSchema, {
    ...rest,
    query: {
      $filter: `machineId eq ${odataString(machineId)}`,
      $orderby: 'creationDateTimeUtc desc',
      $top: top ?? 20,
    },
  });
  return page.value;
}

/** @link https://learn.microsoft.com/defender-endpoint/api/isolate-machine */
export async function isolate(
  client: DefenderClient,
  machineId: string,
  body: { comment: string; isolationType: 'Full' | 'Selective' },
  o: DefenderRequest = {},
): Promise<MachineAction> {
  return client.post(
    safePath`machines/${machineId}/isolate`,
    { Comment: body.comment, IsolationType: body.isolationType },
    machineActionSchema,
    { ...o, idempotent: true },
  );
}

/** @link https://learn.microsoft.com/defender-endpoint/api/unisolate-machine */
export async function unisolate(
  client: DefenderClient,
  machineId: string,
  body: { comment: string },
  o: DefenderRequest = {},
): Promise<MachineAction> {
  return client.post(
    safePath`machines/${machineId}/unisolate`,
    { Comment: body.comment },
    machineActionSchema,
    { ...o, idempotent: true },
  );
}

/** @link https://learn.microsoft.com/defender-endpoint/api/run-av-scan */
export async function runAntiVirusScan(
  client: DefenderClient,
  machineId: string,
  body: { comment: string; scanType: 'Quick' | 'Full' },
  o: DefenderRequest = {},
): Promise<MachineAction> {
  return client.post(
    safePath`machines/${machineId}/runAntiVirusScan`,
    { Comment: body.comment, ScanType: body.scanType },
    machineActionSchema,
    { ...o, idempotent: true },
  );
}
