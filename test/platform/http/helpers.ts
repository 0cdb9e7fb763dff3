// Test helpers for the HTTP layer: a local node:http server with a swappable handler that records
// requests and in-flight counts, and two fake clocks (one that records sleeps and returns at once,
// one that only moves when the test advances it).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../../src/platform/http/index.js';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string, n: number) => unknown;

export interface TestServer {
  url: string;
  host: string;
  seen: Seen[];
  inFlight: number;
  maxInFlight: number;
  handle(h: Handler): void;
  close(): Promise<void>;
}

export async function startServer(handler: Handler = (_q, r) => r.end('{}')): Promise<TestServer> {
  let current = handler;
  const state: TestServer = {
    url: '',
    host: '',
    seen: [],
    inFlight: 0,
    maxInFlight: 0,
    handle: (h) => {
      current = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer(async (req, res) => {
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    res.on('close', () => state.inFlight--);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    state.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    await current(req, res, body, state.seen.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  state.host = `127.0.0.1:${port}`;
  state.url = `http://${state.host}`;
  return state;
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A clock whose sleep records the requested delay, advances time by it and returns at once. */
export class RecordingClock implements Clock {
  sleeps: number[] = [];
  constructor(public time = Date.UTC(2026, 0, 1, 12, 0, 0)) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.time += ms;
  }
}

/** A clock that moves only when the test calls advance(); sleepers wake in time order. */
export class ManualClock implements Clock {
  #timers: Array<{ at: number; wake: () => void }> = [];
  sleeps: number[] = [];
  constructor(public time = Date.UTC(2026, 0, 1, 12, 0, 0)) {}
  now(): number {
    return this.time;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const t = { at: this.time + ms, wake: resolve };
      this.#timers.push(t);
      signal?.addEventListener(
        'abort',
        () => {
          this.#timers = this.#timers.filter((x) => x !== t);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }
  advance(ms: number): void {
    this.time += ms;
    const due = this.#timers.filter((t) => t.at <= this.time).sort((a, b) => a.at - b.at);
    this.#timers = this.#timers.filter((t) => t.at > this.time);
    for (const t of due) t.wake();
  }
}

/** Waits (on events, not on time) until `check` holds; fails after many event-loop turns. */
export async function until(check: () => boolean, turns = 1000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error('condition not reached');
}
