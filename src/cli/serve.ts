// `graphsoc serve`: one instance against the real services in the configuration.
import { loadAppConfig } from '../app/config.js';
import { startRuntime } from '../app/runtime.js';
import { stopOnSignals } from './lifecycle.js';

export async function runServe(opts: {
  configPath: string | undefined;
  port: number | undefined;
}): Promise<void> {
  const loaded = loadAppConfig({
    path: opts.configPath,
    overrides: (raw) => {
      if (opts.port !== undefined) raw.server = { ...(raw.server as object | undefined), port: opts.port };
    },
  });
  const rt = await startRuntime({ loaded, mode: 'serve' });
  await stopOnSignals(rt.stop, (m) => rt.logger.info(m));
}
