// Machines: one by id, or those whose computerDnsName equals a host name.
import { type DefenderClient, type DefenderRequest, segment } from '../client.js';
import { machineListSchema, machineSchema } from '../schemas.js';
import type { Machine } from '../types.js';
import { odataString } from './odata.js';

/** @link https://learn.microsoft.com/defender-endpoint/api/get-machine-by-id */
export async function getMachine(client: DefenderClient, id: string, o?: DefenderRequest): Promise<Machine> {
  return client.get(`machines/${segment(id)}`, machineSchema, o);
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
