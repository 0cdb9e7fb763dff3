import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createGraphClient } from '../../../../src/connectors/microsoft/graph/index.js';
import type { TokenProvider } from '../../../../src/connectors/microsoft/identity/index.js';
import type { TenantConfig } from '../../../../src/platform/config/tenant.js';
import { json, startServer, type TestServer } from '../../../platform/http/helpers.js';

// A stand-in Graph on plain http: enough to check what the client sends and which links it follows.
describe('graph client headers and links', () => {
  let graph: TestServer;
  let other: TestServer;
  before(async () => {
    graph = await startServer();
    other = await startServer((_q, r) => json(r, 200, { value: [] }));
  });
  after(async () => {
    await graph.close();
    await other.close();
  });

  const tokens: TokenProvider = { getToken: async () => 'header.payload.signature' };
  const tenant = () =>
    ({
      name: 't',
      tenantId: 't',
      clientId: 'c',
      graphBaseUrl: graph.url,
      authorityHost: 'https://x',
    }) as TenantConfig;

  test('refuses a nextLink to another host and never sends the token there', async () => {
    graph.handle((_q, r) =>
      json(r, 200, { value: [{ id: '1' }], '@odata.nextLink': `${other.url}/v1.0/users?page=2` }),
    );
    const client = createGraphClient(tenant(), tokens);
    const pages: unknown[] = [];
    await assert.rejects(
      (async () => {
        for await (const page of client.pages('/users')) pages.push(page);
      })(),
      (e: unknown) => {
        assert.equal((e as { code?: string }).code, 'GSOC_GRAPH_FOREIGN_LINK');
        assert.match((e as Error).message, new RegExp(other.host.replace(/\./g, '\\.')));
        return true;
      },
    );
    assert.equal(pages.length, 0, 'the page with the foreign link is not yielded');
    assert.equal(other.seen.length, 0);
    await client.close();
  });

  test('refuses a saved deltaLink on another host before sending anything', async () => {
    graph.seen.length = 0;
    const client = createGraphClient(tenant(), tokens);
    const round = client.delta(`${other.url}/v1.0/users/delta?$deltatoken=abc`);
    await assert.rejects(
      (async () => {
        for await (const _ of round) {
          // nothing is yielded
        }
      })(),
      (e: unknown) => {
        assert.equal((e as { code?: string }).code, 'GSOC_GRAPH_FOREIGN_LINK');
        return true;
      },
    );
    assert.equal(other.seen.length, 0);
    assert.equal(graph.seen.length, 0);
    await client.close();
  });

  test('sends Prefer, a client-request-id per request and the bearer token', async () => {
    graph.seen.length = 0;
    graph.handle((_q, r) => json(r, 200, { value: [] }));
    const client = createGraphClient(tenant(), tokens);
    for await (const _ of client.pages('/users', { prefer: ['IdType="ImmutableId"'], maxPageSize: 50 })) {
      // one empty page
    }
    await client.ping().catch(() => undefined);
    const [first, second] = graph.seen;
    assert.equal(first?.headers.prefer, 'IdType="ImmutableId", odata.maxpagesize=50');
    assert.equal(first?.headers.authorization, 'Bearer header.payload.signature');
    assert.match(String(first?.headers['client-request-id']), /^[0-9a-f-]{36}$/);
    assert.notEqual(first?.headers['client-request-id'], second?.headers['client-request-id']);
    assert.equal(second?.url, '/v1.0/organization?%24select=id');
    await client.close();
  });
});
