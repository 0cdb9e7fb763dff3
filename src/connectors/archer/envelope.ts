// Reading Archer answers: the envelope (IsSuccessful:false becomes a typed error with the
// ValidationMessages), RequestedObject through its schema, arrays of envelopes, and the HTML page
// a wrong base URL gets instead of JSON.
import { z } from 'zod';
import {
  HttpTransportError,
  type HttpResponse,
  parseJson,
  type RequestTarget,
  responseTarget,
  shapeError,
} from '../../platform/http/index.js';
import { ArcherValidationError, errors } from './errors.js';
import { type Envelope, envelopeSchema } from './schemas.js';

/** A 200 HTML page means the URL reached a web server that is not Archer's REST API. */
export function refuseHtml(res: HttpResponse, target: RequestTarget): void {
  if (!/text\/html/i.test(res.headers['content-type'] ?? '')) return;
  throw new HttpTransportError(
    errors.NOT_ARCHER,
    `${target.service} ${target.method} ${target.host}${target.path}: answered an HTML page, not the Archer API; check baseUrl and basePath`,
    target,
  );
}

export function requestedObject<S extends z.ZodType>(
  env: Envelope,
  schema: S,
  target: RequestTarget,
  what: string,
) {
  if (!env.IsSuccessful) {
    const messages = env.ValidationMessages ?? [];
    const notFound = messages.some((m) => m.ResourcedMessage === 'No resource found.');
    throw new ArcherValidationError(what, messages, notFound ? errors.NOT_FOUND : errors.VALIDATION_FAILED);
  }
  const r = schema.safeParse(env.RequestedObject);
  if (r.success) return r.data as z.output<S>;
  throw shapeError(target, r.error, 'RequestedObject');
}

/** One envelope → its RequestedObject, or a typed error naming `what` was refused. */
export function readEnvelope<S extends z.ZodType>(
  res: HttpResponse,
  method: string,
  schema: S,
  what: string,
): z.output<S> {
  const target = responseTarget('archer', method, res);
  refuseHtml(res, target);
  return requestedObject(parseJson(res, envelopeSchema, target), schema, target, what);
}

/** An array of envelopes → the RequestedObjects; any unsuccessful item fails the whole read. */
export function readEnvelopes<S extends z.ZodType>(
  res: HttpResponse,
  method: string,
  schema: S,
  what: string,
): Array<z.output<S>> {
  const target = responseTarget('archer', method, res);
  refuseHtml(res, target);
  return parseJson(res, z.array(envelopeSchema), target).map((env) =>
    requestedObject(env, schema, target, what),
  );
}
