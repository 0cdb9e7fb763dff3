// What a form posted to a feature's action holds, read the same way whether the browser sent it
// urlencoded (every form without a file) or as multipart/form-data (a form with a file field): text
// fields with the last value of a repeated name, and the files the action declared it takes. The
// multipart body is kept as bytes by the content-type parser registered here and read only in the
// action, within the route's body limit (the action's upload.maxBytes and some room for the fields).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Locale, UploadedFile } from '../platform/feature/index.js';
import { FormInvalidError, UploadTooLargeError } from './errors.js';
import { consoleTranslator } from './frame.js';
import { MultipartError, parseMultipart } from './multipart.js';

export interface PostedForm {
  fields: Record<string, string>;
  files: readonly UploadedFile[];
}

/** Room for the text fields and part headers beside the file, within an upload route's body limit. */
export const UPLOAD_SLACK = 64 * 1024;

/** Keeps a multipart body as bytes for postedForm(); registered in the console's scope only. */
export function acceptMultipart(app: FastifyInstance): void {
  if (app.hasContentTypeParser('multipart/form-data')) return;
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer' },
    function keepBytes(_req, body, done) {
      done(null, body);
    },
  );
}

/**
 * The request's form. Throws UploadTooLargeError (413) for a file over `upload.maxBytes` and
 * FormInvalidError (400) for a multipart body that is not what a browser sends, or a file posted to
 * an action that takes none.
 */
export function postedForm(
  req: FastifyRequest,
  upload: { maxBytes: number } | undefined,
  locale: Locale,
): PostedForm {
  const t = consoleTranslator(locale);
  if (!Buffer.isBuffer(req.body)) return { fields: lastValues(req.body), files: [] };
  try {
    const body = parseMultipart(req.body, req.headers['content-type'], {
      maxFiles: upload ? 1 : 0,
      maxFileBytes: upload?.maxBytes ?? 0,
      maxFields: 50,
      maxFieldBytes: 64 * 1024,
    });
    return body;
  } catch (e) {
    if (!(e instanceof MultipartError)) throw e;
    if (e.reason === 'FILE_TOO_LARGE' && upload) throw tooLarge(locale, upload.maxBytes);
    throw new FormInvalidError(t('console.error.formInvalid', { reason: e.reason }), e.reason);
  }
}

export function tooLarge(locale: Locale, maxBytes: number): UploadTooLargeError {
  return new UploadTooLargeError(
    consoleTranslator(locale)('console.error.uploadTooLarge', { max: sizeText(maxBytes, locale) }),
    maxBytes,
  );
}

/** `5 MB`, `64 KB`: the limit as a person reads it (binary units, as file managers count). */
export function sizeText(bytes: number, locale: Locale): string {
  const nf = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes >= 1024 * 1024) return `${nf.format(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${nf.format(bytes / 1024)} KB`;
  return `${nf.format(bytes)} B`;
}

function lastValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) return out;
  for (const [k, v] of Object.entries(body)) {
    const last = Array.isArray(v) ? v.at(-1) : v;
    if (typeof last === 'string') out[k] = last;
  }
  return out;
}
