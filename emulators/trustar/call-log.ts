// What the TruSTAR emulator saw of each call that the shared request log does not keep: the client
// headers (Client-Metatag, Client-Type, Client-Version), the caller's API key and the search body, so
// tests check the metatag went on every call and which enclaves and window were asked for.
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface CallEntry {
  seq: number;
  method: string;
  path: string;
  pageSize?: string | undefined;
  metatag: string | undefined;
  clientType: string | undefined;
  clientVersion: string | undefined;
  /** The API key of the token (or of the Basic credentials on /oauth/token). */
  apiKey?: string | undefined;
  /** The parsed search body, for the two search routes. */
  body?: unknown;
  status?: number;
}

const header = (request: FastifyRequest, name: string) => {
  const v = request.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
};

export class CallLog {
  #entries: CallEntry[] = [];
  #seq = 0;
  readonly #byRequest = new WeakMap<FastifyRequest, CallEntry>();

  constructor(private readonly max = 50_000) {}

  install(app: FastifyInstance, controlPrefix: string): void {
    app.addHook('onRequest', async (request) => {
      if (request.url.startsWith(controlPrefix)) return;
      const q = request.url.indexOf('?');
      const entry: CallEntry = {
        seq: ++this.#seq,
        method: request.method,
        path: q < 0 ? request.url : request.url.slice(0, q),
        pageSize:
          q < 0 ? undefined : (new URLSearchParams(request.url.slice(q + 1)).get('pageSize') ?? undefined),
        metatag: header(request, 'client-metatag'),
        clientType: header(request, 'client-type'),
        clientVersion: header(request, 'client-version'),
      };
      this.#byRequest.set(request, entry);
      this.#entries.push(entry);
      if (this.#entries.length > this.max) this.#entries.splice(0, this.#entries.length - this.max);
    });
    app.addHook('onSend', async (request, reply) => {
      const entry = this.#byRequest.get(request);
      if (entry) entry.status = reply.statusCode;
    });
  }

  /** Adds what the handler learned (caller, body) to the request's entry. */
  note(request: FastifyRequest, extra: Pick<CallEntry, 'apiKey' | 'body'>): void {
    const entry = this.#byRequest.get(request);
    if (entry) Object.assign(entry, extra);
  }

  list(): CallEntry[] {
    return [...this.#entries];
  }

  clear(): void {
    this.#entries = [];
  }
}
