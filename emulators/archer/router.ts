// A small route table for the Archer REST API: patterns such as `system/level/module/:id` matched
// case-insensitively (ASP.NET routing is), on the method after X-Http-Method-Override.
import type { ArcherState } from './state.js';
import type { Session, SessionStore } from './sessions.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ArcherContext {
  state: ArcherState;
  sessions: SessionStore;
  settings: { strict: boolean };
}

export interface RouteInput {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  /** Absent only on anonymous routes. */
  session?: Session;
}

/** A handler returns the JSON body, an envelope or an array of them; Archer answers these with 200. */
export type RouteResult = unknown;

export interface ArcherRoute {
  method: Method;
  pattern: string;
  /** Login is the only route that takes no session. */
  anonymous?: boolean;
  handle(input: RouteInput, ctx: ArcherContext): RouteResult;
}

export function matchRoute(
  routes: readonly ArcherRoute[],
  method: string,
  path: string,
): { route: ArcherRoute; params: Record<string, string> } | undefined {
  const parts = path.split('/').filter((p) => p !== '');
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.pattern.split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((seg, i) => {
      const part = decodeURIComponent(parts[i] as string);
      if (seg.startsWith(':')) {
        params[seg.slice(1)] = part;
        return true;
      }
      return seg.toLowerCase() === part.toLowerCase();
    });
    if (ok) return { route, params };
  }
  return undefined;
}

/** A positive integer path or query value, or undefined (the route then answers 404). */
export function intParam(v: string | undefined): number | undefined {
  return v !== undefined && /^\d{1,10}$/.test(v) ? Number(v) : undefined;
}
