// Example connector: the sole entry point; features import only from here.
export { createExampleClient, type ExampleClient, parseExampleError } from './client.js';
export { errors } from './errors.js';
export { getWidget, listWidgets } from './resources/widgets.js';
export type { ExampleClientOptions, ExampleConfig, Widget } from './types.js';

import type { ExampleClient } from './client.js';

/** Cheap credential and reachability check for /health and `cli check` (STYLE.md rule 19). */
export async function ping(client: ExampleClient): Promise<void> {
  await client.http.request({ url: '/widgets', query: { limit: 1 } });
}
