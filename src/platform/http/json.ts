// Reading remote JSON answers through the API's zod schema (STYLE rule 16): a mismatch becomes
// GSOC_HTTP_BAD_RESPONSE naming the fields, never quoting the body.
import type { z } from 'zod';
import { errors, HttpTransportError, type RemoteErrorInfo, type RequestTarget } from './errors.js';
import type { HttpResponse } from './types.js';

export function responseTarget(service: string, method: string, res: HttpResponse): RequestTarget {
  return { service, method, host: res.url.host, path: res.url.pathname };
}

/** Parses a buffered body as JSON, undefined when it is empty or not JSON. */
export function tryJson(res: HttpResponse): unknown {
  if (res.body.length === 0) return undefined;
  try {
    return JSON.parse(res.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

export function parseJson<S extends z.ZodType>(
  res: HttpResponse,
  schema: S,
  target: RequestTarget,
): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(res.body.toString('utf8'));
  } catch (e) {
    throw new HttpTransportError(
      errors.BAD_RESPONSE,
      `${target.service} ${target.method} ${target.host}${target.path}: answer ${res.status} is not JSON`,
      target,
      { cause: e },
    );
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw shapeError(target, r.error);
}

/** The first five failing fields (below `root`) and what was wrong with each, never their values. */
function failingFields(error: z.ZodError, root?: string): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${(root === undefined ? i.path : [root, ...i.path]).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/**
 * An answer read through the API's schema for a connector with typed errors of its own (TruSTAR,
 * TAXII): `fail` turns what is wrong (not JSON, or the failing fields) into that error.
 */
export function parseAnswer<S extends z.ZodType>(
  res: HttpResponse,
  schema: S,
  fail: (problem: string, cause: unknown) => Error,
): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(res.body.toString('utf8'));
  } catch (cause) {
    throw fail(`answer ${res.status} is not JSON`, cause);
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw fail(`answer does not match the documented shape (${failingFields(r.error)})`, r.error);
}

/**
 * GSOC_HTTP_BAD_RESPONSE for an answer that does not match its schema: names the first five failing
 * fields (below `root`, e.g. Archer's RequestedObject) and what was wrong, never their values.
 */
export function shapeError(target: RequestTarget, error: z.ZodError, root?: string): HttpTransportError {
  const fields = failingFields(error, root);
  return new HttpTransportError(
    errors.BAD_RESPONSE,
    `${target.service} ${target.method} ${target.host}${target.path}: answer does not match the documented shape (${fields})`,
    target,
    { cause: error },
  );
}

/**
 * A connector's error parser: the body read with the API's own error schema, then `read` picks code,
 * message and request id from it; a body that is not JSON or not that shape yields undefined (the
 * error still has its status and the request id from the headers).
 */
export function remoteErrorParser<S extends z.ZodType>(
  schema: S,
  read: (body: z.output<S>, res: HttpResponse) => RemoteErrorInfo | undefined,
): (res: HttpResponse) => RemoteErrorInfo | undefined {
  return (res) => {
    const r = schema.safeParse(tryJson(res));
    return r.success ? read(r.data, res) : undefined;
  };
}
