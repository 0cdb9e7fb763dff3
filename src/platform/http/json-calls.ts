// JSON get/post/patch/delete over a connector's client: a connector supplies how a path and its own
// call options become a platform/http call; answers are read through the caller's zod schema.
import type { z } from 'zod';
import type { CallOptions, HttpClient } from './client.js';
import { parseJson, responseTarget } from './json.js';
import type { HttpResponse } from './types.js';

export interface JsonCalls<O> {
  get<S extends z.ZodType>(path: string, schema: S, o?: O): Promise<z.output<S>>;
  post<S extends z.ZodType>(path: string, body: unknown, schema: S, o?: O): Promise<z.output<S>>;
  /** The answer unparsed (many PATCH answers are 204 with no body). */
  patch(path: string, body: unknown, o?: O): Promise<HttpResponse>;
  delete(path: string, o?: O): Promise<HttpResponse>;
}

export function jsonCalls<O>(http: HttpClient, callFor: (path: string, o?: O) => CallOptions): JsonCalls<O> {
  return {
    async get(path, schema, o) {
      const res = await http.request({ ...callFor(path, o), method: 'GET' });
      return parseJson(res, schema, responseTarget(http.service, 'GET', res));
    },
    async post(path, body, schema, o) {
      const res = await http.request({ ...callFor(path, o), method: 'POST', json: body });
      return parseJson(res, schema, responseTarget(http.service, 'POST', res));
    },
    patch: (path, body, o) => http.request({ ...callFor(path, o), method: 'PATCH', json: body }),
    delete: (path, o) => http.request({ ...callFor(path, o), method: 'DELETE' }),
  };
}
