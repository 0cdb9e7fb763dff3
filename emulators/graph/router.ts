// Routes Graph calls (direct or from a $batch) to handlers, enforcing each route's app roles.
import type { EmulatorContext } from '../microsoft/context.js';
import { forbidden, graphError } from './errors.js';
import type { GraphCall, GraphResponse } from './types.js';

export interface GraphRoute {
  method: string;
  /** Matched against the path after the version; named groups become params. */
  pattern: RegExp;
  /** Any one of these app roles grants access; empty = any valid token. */
  roles: string[];
  handle(
    ctx: EmulatorContext,
    call: GraphCall,
    params: Record<string, string>,
  ): GraphResponse | Promise<GraphResponse>;
}

export class GraphRouter {
  private readonly routes: GraphRoute[] = [];

  add(...routes: GraphRoute[]): this {
    this.routes.push(...routes);
    return this;
  }

  async dispatch(ctx: EmulatorContext, call: GraphCall): Promise<GraphResponse> {
    const path = call.path.length > 1 ? call.path.replace(/\/+$/, '') : call.path;
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== call.method.toUpperCase()) continue;
      if (route.roles.length > 0 && !route.roles.some((r) => call.principal.roles.includes(r)))
        return forbidden(call);
      // The path arrives percent-decoded, so groups are used as they are.
      const params = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, v ?? '']));
      return route.handle(ctx, call, params);
    }
    if (pathMatched) {
      return graphError(
        call,
        405,
        'Request_BadRequest',
        'Specified HTTP method is not allowed for the request target.',
      );
    }
    const segment = path.split('/').filter(Boolean)[0] ?? '';
    return graphError(call, 400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
  }
}
