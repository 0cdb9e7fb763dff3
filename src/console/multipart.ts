// A strict reader of multipart/form-data (RFC 7578) for the console's forms with a file field, so
// the console needs no upload dependency: the whole body is already in memory, bounded by the
// route's body limit, and is read in one pass with Buffer.indexOf over a delimiter of at most 72
// bytes. It takes what a browser sends and no more: part headers of at most 8 KB, Content-Disposition
// `form-data` with a quoted name (and filename), at most `maxFiles` files of `maxFileBytes` each and
// `maxFields` fields of 64 KB. Anything else is a MultipartError with a stable reason.

export type MultipartReason =
  | 'NO_BOUNDARY'
  | 'TRUNCATED'
  | 'BAD_PART'
  | 'TOO_MANY_FIELDS'
  | 'FIELD_TOO_LARGE'
  | 'TOO_MANY_FILES'
  | 'FILE_TOO_LARGE'
  | 'NOT_UTF8';

export class MultipartError extends Error {
  constructor(readonly reason: MultipartReason) {
    super(`multipart body refused: ${reason}`);
  }
}

export interface MultipartLimits {
  /** Files taken; a file field sent empty (no file chosen) does not count. */
  maxFiles: number;
  maxFileBytes: number;
  maxFields: number;
  maxFieldBytes: number;
}

export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface MultipartBody {
  /** Text fields; a repeated name keeps its last value, as the urlencoded reader does. */
  fields: Record<string, string>;
  files: MultipartFile[];
}

const MAX_HEADER_BYTES = 8 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The boundary of a `multipart/form-data; boundary=…` content type, or undefined. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || contentType.length > 1000) return undefined;
  const [type, ...params] = contentType.split(';');
  if (type?.trim().toLowerCase() !== 'multipart/form-data') return undefined;
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq < 0 || p.slice(0, eq).trim().toLowerCase() !== 'boundary') continue;
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1);
    // RFC 2046: 1 to 70 characters of a restricted set.
    return /^[0-9A-Za-z'()+_,./:=? -]{1,70}$/.test(v) && !v.endsWith(' ') ? v : undefined;
  }
  return undefined;
}

export function parseMultipart(
  body: Buffer,
  contentType: string | undefined,
  limits: MultipartLimits,
): MultipartBody {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) throw new MultipartError('NO_BOUNDARY');
  const dash = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const out: MultipartBody = { fields: Object.create(null) as Record<string, string>, files: [] };
  let fields = 0;
  // The first delimiter may follow a preamble (browsers send none) or open the body.
  let at = body.subarray(0, dash.length).equals(dash) ? 0 : body.indexOf(delimiter);
  if (at < 0) throw new MultipartError('TRUNCATED');
  at += at === 0 && body[0] === 0x2d ? dash.length : delimiter.length;
  for (;;) {
    // After a delimiter: `--` closes the body, CRLF opens a part.
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return out;
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) throw new MultipartError('TRUNCATED');
    const start = at + 2;
    const headerEnd = body.indexOf(HEADER_END, start);
    if (headerEnd < 0 || headerEnd - start > MAX_HEADER_BYTES) throw new MultipartError('BAD_PART');
    const headers = partHeaders(body.subarray(start, headerEnd));
    const dataStart = headerEnd + HEADER_END.length;
    const next = body.indexOf(delimiter, dataStart);
    if (next < 0) throw new MultipartError('TRUNCATED');
    const data = body.subarray(dataStart, next);
    if (headers.filename !== undefined) {
      // A file input with no file chosen sends an empty part with an empty filename.
      if (!(headers.filename === '' && data.length === 0)) {
        if (out.files.length >= limits.maxFiles) throw new MultipartError('TOO_MANY_FILES');
        if (data.length > limits.maxFileBytes) throw new MultipartError('FILE_TOO_LARGE');
        out.files.push({
          field: headers.name,
          filename: headers.filename,
          contentType: headers.contentType,
          data: Buffer.from(data),
        });
      }
    } else {
      fields += 1;
      if (fields > limits.maxFields) throw new MultipartError('TOO_MANY_FIELDS');
      if (data.length > limits.maxFieldBytes) throw new MultipartError('FIELD_TOO_LARGE');
      out.fields[headers.name] = text(data);
    }
    at = next + delimiter.length;
  }
}

function text(b: Buffer): string {
  try {
    return utf8.decode(b);
  } catch {
    throw new MultipartError('NOT_UTF8');
  }
}

interface PartHeaders {
  name: string;
  filename?: string;
  contentType: string;
}

/** Content-Disposition and Content-Type of one part; the others (Content-Transfer-Encoding …) are ignored. */
function partHeaders(raw: Buffer): PartHeaders {
  let disposition: string | undefined;
  let contentType = 'application/octet-stream';
  let from = 0;
  while (from <= raw.length) {
    let end = raw.indexOf(CRLF, from);
    if (end < 0) end = raw.length;
    const line = text(raw.subarray(from, end));
    from = end + CRLF.length;
    const colon = line.indexOf(':');
    if (colon < 0) throw new MultipartError('BAD_PART');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    else if (name === 'content-type') contentType = value.slice(0, 200);
  }
  if (disposition === undefined) throw new MultipartError('BAD_PART');
  const params = dispositionParams(disposition);
  if (params === undefined || params.name === undefined) throw new MultipartError('BAD_PART');
  return {
    name: params.name,
    contentType,
    ...(params.filename === undefined ? {} : { filename: params.filename }),
  };
}

/**
 * `form-data; name="x"; filename="y"`: the quoted values as browsers write them (a `"` inside sent
 * as `%22`, line breaks as `%0D%0A`, which stay as sent). Undefined when it is not form-data.
 */
function dispositionParams(value: string): { name?: string; filename?: string } | undefined {
  const semi = value.indexOf(';');
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  if (type !== 'form-data') return undefined;
  const out: { name?: string; filename?: string } = {};
  let i = semi < 0 ? value.length : semi + 1;
  while (i < value.length) {
    while (value[i] === ' ' || value[i] === ';' || value[i] === '\t') i++;
    const eq = value.indexOf('=', i);
    if (eq < 0) break;
    const key = value.slice(i, eq).trim().toLowerCase();
    let v: string;
    if (value[eq + 1] === '"') {
      const close = value.indexOf('"', eq + 2);
      if (close < 0) throw new MultipartError('BAD_PART');
      v = value.slice(eq + 2, close);
      i = close + 1;
    } else {
      const end = value.indexOf(';', eq + 1);
      v = value.slice(eq + 1, end < 0 ? value.length : end).trim();
      i = end < 0 ? value.length : end;
    }
    if (key === 'name' || key === 'filename') out[key] = v;
  }
  return out;
}
