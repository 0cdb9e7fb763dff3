// How a control route is declared: parse the body with a zod schema (400 with the reason), apply it,
// answer. Every emulator's /_emulator additions go through `ControlRoutes.body`, so each is one line.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';

/** A schema, or one picked from the raw body (see oneOrMany). */
export type BodySchema<T> = z.ZodType<T> | ((raw: unknown) => z.ZodType<T>);

export interface BodyRouteOptions {
  /** Status of an answer with a body; one without a body is always 204. Default 200. */
  status?: number;
  /** Status when `apply` throws (its message is the answer); default 400. */
  failStatus?: number;
}

export type Params = Record<string, string>;

export interface ControlRoutes {
  /** The encapsulated control scope, for routes that take no body (GET, DELETE, bare POST). */
  readonly app: FastifyInstance;
  /**
   * `method url` with a JSON body: validated by `schema`, handed to `apply`; what apply returns is the
   * answer (204 when nothing), and an Error it throws answers `failStatus` with its message.
   */
  body<T>(
    method: 'POST' | 'PUT',
    url: string,
    schema: BodySchema<T>,
    apply: (body: T, params: Params) => unknown,
    opts?: BodyRouteOptions,
  ): void;
}

/** Parses with zod; on failure answers 400 and returns undefined. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, reply: FastifyReply): T | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`)
    .join('; ');
  void reply.code(400).send({ error: 'bad_request', message });
  return undefined;
}

/** One object or a list of them; picked by shape so zod reports the real problem, not "invalid union". */
export function oneOrMany<T extends z.ZodType>(schema: T) {
  const many = z.array(schema).min(1).max(100);
  return (value: unknown) =>
    (Array.isArray(value) ? many : schema) as z.ZodType<z.output<T> | Array<z.output<T>>>;
}

export function controlRoutes(app: FastifyInstance): ControlRoutes {
  return {
    app,
    body(method, url, schema, apply, opts = {}) {
      app.route<{ Params: Params }>({
        method,
        url,
        handler: async (request, reply) => {
          const s = typeof schema === 'function' ? schema(request.body) : schema;
          const body = parseOr400(s, request.body, reply);
          if (body === undefined) return reply;
          let result: unknown;
          try {
            result = await apply(body, request.params);
          } catch (error) {
            const status = opts.failStatus ?? 400;
            const code = status === 404 ? 'not_found' : 'bad_request';
            return reply.code(status).send({ error: code, message: (error as Error).message });
          }
          if (result === undefined) return reply.code(204).send();
          return reply.code(opts.status ?? 200).send(result);
        },
      });
    },
  };
}
