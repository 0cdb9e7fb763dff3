// Enclaves: GET <baseUrl>/api/2.0/enclaves (trustar2 SDK handlers/enclaves.py), and the check that
// every configured enclave exists for this key and may be read — the seed read a hard-coded enclave
// that was not the configured one, and nobody could tell.
import { z } from 'zod';
import { API_PATH, type TrustarClient, type TrustarRequest } from '../client.js';
import { errors, TrustarQueryError } from '../errors.js';
import { enclaveSchema } from '../schemas.js';
import type { Enclave } from '../types.js';

export function listEnclaves(client: TrustarClient, o?: TrustarRequest): Promise<Enclave[]> {
  return client.get(`${API_PATH}enclaves`, z.array(enclaveSchema).max(10_000), o);
}

/** Throws GSOC_TRUSTAR_ENCLAVE_NOT_READABLE naming the configured enclaves the key cannot read. */
export async function checkEnclaves(client: TrustarClient, o?: TrustarRequest): Promise<Enclave[]> {
  const all = await listEnclaves(client, o);
  const readable = new Map(all.filter((e) => e.read).map((e) => [e.id.toLowerCase(), e]));
  const refused = client.connection.enclaveIds.filter((id) => !readable.has(id));
  if (refused.length > 0) {
    const known = [...readable.values()].map((e) => `${e.id} (${e.name})`).join(', ') || 'none';
    throw new TrustarQueryError(
      errors.ENCLAVE_NOT_READABLE,
      `TruSTAR key "${client.connection.apiKey}" cannot read enclave(s) ${refused.join(', ')}; readable: ${known}`,
    );
  }
  return client.connection.enclaveIds.map((id) => readable.get(id) as Enclave);
}
