// Widgets: list with cursor paging (one page in memory at a time) and get by id.
import { z } from 'zod';
import { safePath } from '../../../platform/http/index.js';
import type { ExampleClient } from '../client.js';
import { widgetPageSchema } from '../schemas.js';
import type { Widget } from '../types.js';

export async function* listWidgets(
  client: ExampleClient,
  opts: { deadlineAt?: number } = {},
): AsyncGenerator<Widget[]> {
  let cursor: string | undefined;
  do {
    const page = await client.http.json(
      { url: '/widgets', query: { cursor }, deadlineAt: opts.deadlineAt },
      widgetPageSchema,
    );
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

export function getWidget(client: ExampleClient, id: string): Promise<Widget> {
  return client.http.json({ url: safePath`/widgets/${id}` }, z.object({ id: z.string(), name: z.string() }));
}
