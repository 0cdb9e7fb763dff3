// Send step, the end of the chain: one undici request on the client's dispatcher. It reads a
// buffered body up to maxBodyBytes (or keeps its first truncateBodyAt bytes) and turns undici/Node
// errors into typed transport errors.
import { request } from 'undici';
import { errors, HttpTransportError } from '../errors.js';
import type { ChainContext, HttpRequest, HttpResponse } from '../types.js';
import { targetOf } from './retry.js';

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TLS_CODE =
  /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH)/;

export function sendStep(ctx: ChainContext, maxBodyBytes: number) {
  return async function send(req: HttpRequest): Promise<HttpResponse> {
    const timeouts = req.overrides?.timeout;
    let answer: Awaited<ReturnType<typeof request>>;
    try {
      answer = await request(req.url, {
        dispatcher: ctx.dispatcher,
        method: req.method,
        headers: req.headers,
        body: req.body as never,
        signal: req.signal,
        headersTimeout: timeouts?.headersTimeoutMs,
        bodyTimeout: timeouts?.bodyTimeoutMs,
      });
    } catch (e) {
      throw mapError(ctx, req, e);
    }
    const headers = flattenHeaders(answer.headers);
    if (req.responseType === 'stream') {
      return {
        status: answer.statusCode,
        headers,
        url: req.url,
        body: Buffer.alloc(0),
        stream: answer.body,
        attempts: 1,
      };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    const cut = req.truncateBodyAt;
    try {
      for await (const chunk of answer.body) {
        if (cut !== undefined && size + (chunk as Buffer).length > cut) {
          chunks.push((chunk as Buffer).subarray(0, cut - size));
          size = cut;
          truncated = true;
          answer.body.destroy();
          break;
        }
        size += (chunk as Buffer).length;
        // A caller's own cut replaces the client's limit.
        if (cut === undefined && size > maxBodyBytes) {
          answer.body.destroy();
          const target = targetOf(ctx.service, req);
          throw new HttpTransportError(
            errors.BAD_RESPONSE,
            `${target.service} ${target.method} ${target.host}${target.path}: answer larger than ${maxBodyBytes} bytes`,
            target,
          );
        }
        chunks.push(chunk as Buffer);
      }
    } catch (e) {
      throw mapError(ctx, req, e);
    }
    return {
      status: answer.statusCode,
      headers,
      url: req.url,
      body: Buffer.concat(chunks, size),
      attempts: 1,
      ...(truncated ? { truncated } : {}),
    };
  };
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function errorCode(e: unknown): string {
  const c = (e as { code?: unknown })?.code;
  if (typeof c === 'string') return c;
  const inner = (e as { cause?: { code?: unknown } })?.cause?.code;
  return typeof inner === 'string' ? inner : '';
}

function mapError(ctx: ChainContext, req: HttpRequest, e: unknown): unknown {
  if (e instanceof HttpTransportError) return e;
  if ((e as { name?: string })?.name === 'AbortError' || req.signal?.aborted) return e; // the timeout step decides
  const target = targetOf(ctx.service, req);
  const code = errorCode(e);
  const why = e instanceof Error ? e.message : String(e);
  const where = `${target.service} ${target.method} ${target.host}${target.path}`;
  if (TIMEOUT_CODES.has(code)) {
    return new HttpTransportError(errors.TIMEOUT, `${where}: ${why}`, target, { cause: e, retryable: true });
  }
  if (TLS_CODE.test(code)) {
    return new HttpTransportError(errors.TLS_FAILED, `${where}: TLS failed (${code}: ${why})`, target, {
      cause: e,
    });
  }
  return new HttpTransportError(
    errors.UNREACHABLE,
    `cannot reach host ${target.host} for ${where} (${code ? `${code}: ` : ''}${why})`,
    target,
    {
      cause: e,
      retryable: true,
    },
  );
}
