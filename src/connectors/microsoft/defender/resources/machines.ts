// Machines: the first few, one by id, or those whose computerDnsName equals a host name.
import { odataString, safePath } from '../../../../platform/http/index.js';
import type { DefenderClient, DefenderRequest } from '../client.js';
import { machineListSchema, machineSchema } from '../schemas.js';
import type { Machine } from '../types.js';

/** The first `top` machines. @link https://learn.microsoft.com/defender-endpoint/api/get-machines */
export async function listMachines(
  client: DefenderClient,
  o: DefenderRequest & { top: number },
): Promise<Machine[]> {
  const { top, ...rest } = o;
  return (await client.get('machines', machineListSchema, { ...rest, query: { $top: top } })).value;
}

/** @link https://learn.microsoft.com/defender-endpoint/api/get-machine-by-id */
export async function getMachine(client: DefenderClient, id: string, o?: DefenderRequest): Promise<Machine> {
  return client.get(safePath`machines/${id}`, machineSchema, o);
}

/** @link https://learn.microsoft.com/defender-endpoint/api/get-machines */
export async function findMachinesByDnsName(
  client: DefenderClient,
  dnsName: string,
  o: DefenderRequest = {},
): Promise<Machine[]> {
  const page = await client.get('machines', machineListSchema, {
    ...o,
    query: { $filter: `computerDnsName eq ${odataString(dnsName)}`, $top: 10 },
  });
  return page.value;
}
