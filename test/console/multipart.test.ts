// The console's multipart/form-data reader: what browsers send is read, anything else is refused
// with a stable reason, and the time it takes grows with the body, not faster.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { boundaryOf, MultipartError, parseMultipart } from '../../src/console/multipart.js';
import { assertLinear } from '../helpers/linear-time.js';
import { multipart } from './multipart-body.js';

const LIMITS = { maxFiles: 1, maxFileBytes: 1024, maxFields: 5, maxFieldBytes: 100 };

function refused(fn: () => unknown, reason: string) {
  assert.throws(fn, (e: unknown) => e instanceof MultipartError && e.reason === reason);
}

describe('multipart/form-data', () => {
  test('reads fields and one file as a browser sends them, the last of a repeated field winning', () => {
    const { body, contentType } = multipart([
      { name: '_csrf', value: 'tok' },
      { name: 'template', value: 'students' },
      { name: 'template', value: 'staff' },
      { name: 'note', value: 'Grüße <script>\u202E 🎉' },
      { name: 'file', value: 'email\r\na@b.c\r\n', filename: 'liste ä.csv', contentType: 'text/csv' },
    ]);
    const r = parseMultipart(body, contentType, LIMITS);
    assert.deepEqual({ ...r.fields }, { _csrf: 'tok', template: 'staff', note: 'Grüße <script>\u202E 🎉' });
    assert.equal(r.files.length, 1);
    assert.equal(r.files[0]?.field, 'file');
    assert.equal(r.files[0]?.filename, 'liste ä.csv');
    assert.equal(r.files[0]?.contentType, 'text/csv');
    assert.equal(r.files[0]?.data.toString(), 'email\r\na@b.c\r\n', 'line breaks inside the file are kept');
  });

  test('a file field left empty is no file; a file holding the delimiter’s start is read whole', () => {
    const { body, contentType } = multipart([
      { name: 'file', value: '', filename: '' },
      { name: 'other', value: '\r\n--not-the-boundary\r\n' },
    ]);
    const r = parseMultipart(body, contentType, LIMITS);
    assert.equal(r.files.length, 0);
    assert.equal(r.fields.other, '\r\n--not-the-boundary\r\n');
  });

  test('a preamble before the first delimiter and a quoted boundary parameter are accepted', () => {
    const { body } = multipart([{ name: 'a', value: '1' }], 'xyz');
    const withPreamble = Buffer.concat([Buffer.from('ignored preamble\r\n'), body]);
    assert.equal(parseMultipart(withPreamble, 'multipart/form-data; boundary="xyz"', LIMITS).fields.a, '1');
  });

  test('refuses bodies a browser does not send', () => {
    const { body, contentType } = multipart([{ name: 'a', value: '1' }]);
    refused(() => parseMultipart(body, 'multipart/form-data', LIMITS), 'NO_BOUNDARY');
    refused(() => parseMultipart(body, 'text/plain; boundary=x', LIMITS), 'NO_BOUNDARY');
    refused(() => parseMultipart(body.subarray(0, body.length - 20), contentType, LIMITS), 'TRUNCATED');
    refused(() => parseMultipart(Buffer.from('nothing here'), contentType, LIMITS), 'TRUNCATED');
    const noName = Buffer.from(body.toString().replace('name="a"', 'nom="a"'));
    refused(() => parseMultipart(noName, contentType, LIMITS), 'BAD_PART');
    const attachment = Buffer.from(body.toString().replace('form-data;', 'attachment;'));
    refused(() => parseMultipart(attachment, contentType, LIMITS), 'BAD_PART');
    const latin1 = multipart([{ name: 'a', value: Buffer.from([0xc4, 0x41]) }]);
    refused(() => parseMultipart(latin1.body, latin1.contentType, LIMITS), 'NOT_UTF8');
  });

  test('holds to its limits: files, file size, fields, field size', () => {
    const twoFiles = multipart([
      { name: 'f', value: 'x', filename: 'a.csv' },
      { name: 'g', value: 'y', filename: 'b.csv' },
    ]);
    refused(() => parseMultipart(twoFiles.body, twoFiles.contentType, LIMITS), 'TOO_MANY_FILES');
    const noFiles = multipart([{ name: 'f', value: 'x', filename: 'a.csv' }]);
    refused(
      () => parseMultipart(noFiles.body, noFiles.contentType, { ...LIMITS, maxFiles: 0 }),
      'TOO_MANY_FILES',
    );
    const big = multipart([{ name: 'f', value: 'x'.repeat(1025), filename: 'a.csv' }]);
    refused(() => parseMultipart(big.body, big.contentType, LIMITS), 'FILE_TOO_LARGE');
    const fields = multipart(Array.from({ length: 6 }, (_, i) => ({ name: `f${i}`, value: 'v' })));
    refused(() => parseMultipart(fields.body, fields.contentType, LIMITS), 'TOO_MANY_FIELDS');
    const long = multipart([{ name: 'f', value: 'v'.repeat(101) }]);
    refused(() => parseMultipart(long.body, long.contentType, LIMITS), 'FIELD_TOO_LARGE');
  });

  test('boundaryOf takes RFC 2046 boundaries only', () => {
    assert.equal(boundaryOf('multipart/form-data; boundary=abc'), 'abc');
    assert.equal(boundaryOf('Multipart/Form-Data; charset=utf-8; BOUNDARY="a b"'), 'a b');
    assert.equal(boundaryOf(`multipart/form-data; boundary=${'a'.repeat(71)}`), undefined);
    assert.equal(boundaryOf('multipart/form-data; boundary=a\u202Eb'), undefined);
    assert.equal(boundaryOf(undefined), undefined);
  });

  test('runs in time linear in the body, whatever it repeats', async () => {
    const boundary = 'b0undary';
    const limits = {
      maxFiles: 1,
      maxFileBytes: 4 * 1024 * 1024,
      maxFields: 1_000_000,
      maxFieldBytes: 4 * 1024 * 1024,
    };
    const ct = `multipart/form-data; boundary=${boundary}`;
    const read = (s: string) => {
      try {
        parseMultipart(Buffer.from(s), ct, limits);
      } catch (e) {
        if (!(e instanceof MultipartError)) throw e;
      }
    };
    await assertLinear(
      'parseMultipart',
      read,
      [
        '\r\n--b0undar',
        '\r\n-',
        'x',
        `\r\n--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\nv`,
      ],
      {
        head: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n`,
        tail: `\r\n--${boundary}--\r\n`,
      },
    );
  });
});
