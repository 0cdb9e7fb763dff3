// Indicators: those with one value, submit (an upsert by value and type), delete by id.
import { odataString, safePath } from '../../../../platform/http/index.js';
import type { DefenderClient, DefenderRequest } from '../client.js';
import { indicatorListSchema, indicatorSchema } from '../schemas.js';
import type { Indicator, NewIndicator } from '../types.js';

/** @link https://learn.microsoft.com/defender-endpoint/api/get-ti-indicators-collection */
export async function listIndicators(
  client: DefenderClient,
  value: string,
  o: DefenderRequest = {},
): Promise<Indicator[]> {
  const page = await client.get('indicators', indicatorListSchema, {
    ...o,
    query: { $filter: `indicatorValue eq ${odataString(value)}`, $top: 50 },
  });
  return page.value;
}

/**
 * "Submit or update": Defender keys indicators by value and type, so sending it again updates the
 * same one and a retry is safe. @link https://learn.microsoft.com/defender-endpoint/api/post-ti-indicator
 */
export async function submitIndicator(
  client: DefenderClient,
  indicator: NewIndicator,
  o: DefenderRequest = {},
): Promise<Indicator> {
  return client.post('indicators', indicator, indicatorSchema, { ...o, idempotent: true });
}

/** 204 on success. @link https://learn.microsoft.com/defender-endpoint/api/delete-ti-indicator-by-id */
export async function deleteIndicator(
  client: DefenderClient,
  id: string,
  o: DefenderRequest = {},
): Promise<void> {
  await client.delete(safePath`indicators/${id}`, o);
}
