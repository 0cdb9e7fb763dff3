// Content controller routes (reference §2.6): read, create, update and delete records, and
// attachments uploaded as base64 bytes. Unknown ids answer 200 IsSuccessful:false "No resource found.".
import { writeContent } from './content-write.js';
import { fail, message, notFound, ok } from './envelope.js';
import { readField } from './field-values.js';
import { type ArcherContext, type ArcherRoute, intParam } from './router.js';

type Entry = Record<string, unknown>;

function key(obj: unknown, name: string): unknown {
  if (obj === null || typeof obj !== 'object') return undefined;
  const k = Object.keys(obj).find((x) => x.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : (obj as Entry)[k];
}

function readContent(id: number | undefined, { state }: ArcherContext) {
  const record = id === undefined ? undefined : state.content.get(id);
  if (record === undefined) return notFound();
  const fields = state.fieldsOfLevel(record.levelId);
  return ok({
    Id: record.id,
    LevelId: record.levelId,
    FieldContents: Object.fromEntries(
      fields.map((f) => [String(f.id), readField(f, record.fields.get(f.id))]),
    ),
  });
}

function deleteContent(id: number | undefined, { state }: ArcherContext) {
  if (id === undefined || !state.content.delete(id)) return notFound();
  return ok(null);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const contentRoutes: ArcherRoute[] = [
  {
    method: 'GET',
    pattern: 'content/contentid',
    handle: ({ query }, ctx) => readContent(intParam(query.id), ctx),
  },
  {
    method: 'DELETE',
    pattern: 'content/contentid',
    handle: ({ query }, ctx) => deleteContent(intParam(query.id), ctx),
  },
  {
    method: 'GET',
    pattern: 'content/attachment/:id',
    handle({ params }, { state }) {
      const a = state.attachments.get(intParam(params.id) ?? -1);
      return a === undefined ? notFound() : ok({ AttachmentName: a.name, AttachmentBytes: a.bytesBase64 });
    },
  },
  {
    method: 'POST',
    pattern: 'content/attachment',
    handle({ body }, { state }) {
      const name = key(body, 'AttachmentName');
      const bytes = key(body, 'AttachmentBytes');
      if (typeof name !== 'string' || name.trim() === '')
        return fail(message('Required', 'The AttachmentName field is a required field.'));
      if (typeof bytes !== 'string' || bytes.length % 4 !== 0 || !BASE64.test(bytes))
        return fail(message('InvalidValue', 'AttachmentBytes must be base64.'));
      const stored = state.addAttachment({
        name,
        bytesBase64: bytes,
        isSensitive: key(body, 'IsSensitive') === true,
      });
      return ok({ Id: stored.id });
    },
  },
  {
    method: 'GET',
    pattern: 'content/:id',
    handle: ({ params }, ctx) => readContent(intParam(params.id), ctx),
  },
  {
    method: 'DELETE',
    pattern: 'content/:id',
    handle: ({ params }, ctx) => deleteContent(intParam(params.id), ctx),
  },
  {
    method: 'POST',
    pattern: 'content',
    handle: ({ body }, { state, settings }) => writeContent(state, body, 'create', settings),
  },
  {
    method: 'PUT',
    pattern: 'content',
    handle: ({ body }, { state, settings }) => writeContent(state, body, 'update', settings),
  },
];
