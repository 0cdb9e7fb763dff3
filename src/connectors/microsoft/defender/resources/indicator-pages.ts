// Every indicator the app can see, page by page ($top 10,000, the most the API gives, then
// @odata.nextLink), one page in memory at a time. An app with Ti.ReadWrite sees only its own
// indicators; Ti.ReadWrite.All (or Ti.Read.All) sees the tenant's.
// @link https://learn.microsoft.com/defender-endpoint/api/get-ti-indicators-collection
import { connectorCall, odataString, parseJson } from '../../../../platform/http/index.js';
import type { DefenderClient, DefenderRequest } from '../client.js';
import { indicatorPageSchema } from '../schemas.js';
import type { Indicator } from '../types.js';

export const MAX_PAGE = 10_000;

export interface ListAllOptions extends DefenderRequest {
  /** Only indicators this app (client id) created. */
  createdBy?: string;
  /** Indicators per page, at most 10,000 (default). */
  pageSize?: number;
}

export async function* listAllIndicators(
  client: DefenderClient,
  o: ListAllOptions = {},
): AsyncGenerator<Indicator[]> {
  const { createdBy, pageSize, ...rest } = o;
  const top = Math.min(Math.max(1, pageSize ?? MAX_PAGE), MAX_PAGE);
  const schema = indicatorPageSchema(client.host);
  let url: string | undefined = 'indicators';
  let query: DefenderRequest['query'] = {
    $top: top,
    ...(createdBy === undefined ? {} : { $filter: `createdBy eq ${odataString(createdBy)}` }),
  };
  while (url !== undefined) {
    const res = await client.http.request({ ...connectorCall(url, { ...rest, query }), method: 'GET' });
    const page = parseJson(res, schema, {
      service: client.http.service,
      method: 'GET',
      host: res.url.host,
      path: res.url.pathname,
    });
    yield page.value;
    url = page['@odata.nextLink'];
    query = undefined; // a nextLink carries the query
  }
}
