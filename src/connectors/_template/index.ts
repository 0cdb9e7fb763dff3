// Example connector: the sole entry point; features import only from here.
export { createExampleClient, type ExampleClient, parseExampleError } from './client.js';
export { errors } from './errors.js';
export { getWidget, listWidgets } from './resources/widgets.js';
export type { ExampleClientOptions, ExampleConfig, Widget } from './types.js';
