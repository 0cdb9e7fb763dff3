// Files the configuration names must be usable before anything starts: each tenant's certificate (read
// as the identity connector reads it, thumbprint included) and every `caFile`. A configuration part
// whose check reads them, so `config check`, `serve` and every other command refuse them alike, each
// problem naming its key and the path.
import { loadCredential } from '../connectors/microsoft/identity/index.js';
import type { ConfigIssue, ConfigPart, PlatformConfig } from '../platform/config/index.js';
import { readCaFile } from '../platform/http/index.js';

type Path = Array<string | number>;

/** The error's message, with the system's reason (ENOENT, EACCES) when a read failed. */
function reason(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string } };
  const code = err.cause?.code;
  return `${err.message ?? String(e)}${code ? ` (${code})` : ''}`;
}

/**
 * Every `caFile` key, in whichever section: the name says it holds an extra CA certificate (PEM) for
 * that section's connections, so a feature's new `caFile` is checked without a line here.
 */
function caFiles(node: unknown, path: Path = []): Array<[Path, string]> {
  if (Array.isArray(node)) return node.flatMap((v, i) => caFiles(v, [...path, i]));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(
    ([k, v]): Array<[Path, string]> =>
      k === 'caFile' && typeof v === 'string' ? [[[...path, k], v]] : caFiles(v, [...path, k]),
  );
}

function checkFiles(config: PlatformConfig, issue: ConfigIssue): void {
  config.tenants.forEach((t, i) => {
    if (t.certificatePath === undefined || t.certificateThumbprint === undefined) return;
    try {
      loadCredential(t);
    } catch (e) {
      issue(
        ['tenants', i, 'certificatePath'],
        `expected a PEM file with an unencrypted private key (and the certificate of certificateThumbprint); found ${reason(e)}`,
      );
    }
  });
  for (const [path, file] of caFiles(config)) {
    try {
      readCaFile(file);
    } catch (e) {
      issue(path, `expected a readable PEM file holding a CA certificate; found ${reason(e)}`);
    }
  }
}

export const configFiles: ConfigPart<PlatformConfig> = { sections: {}, check: checkFiles };
