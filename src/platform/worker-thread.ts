// Starts a worker thread on a module of ours, from the build (a .js module) or from the sources under
// tsx (a .ts module), for the phishing job's analysis pool and `phishing analyze`. Node 20 passes
// `--import tsx` on to a worker (execArgv) but does not apply its loader to the worker's own modules,
// so a .ts worker starts from a line of JavaScript that registers tsx first.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The worker module `name` beside the module at `base` (its import.meta.url), with the same extension:
 * worker.js in the build, worker.ts under tsx.
 */
export function siblingModule(base: string, name: string): URL {
  return new URL(`./${name}${extname(fileURLToPath(base))}`, base);
}

export function startWorker(module: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (extname(fileURLToPath(module)) !== '.ts') return new Worker(module, options);
  // Resolved here, beside this module, so the worker finds tsx whatever the working directory.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const boot = `import(${tsx}).then((t) => { t.register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
