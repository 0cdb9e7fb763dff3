import assert from 'node:assert/strict';
import { test } from 'node:test';
import { notificationUrlOf } from '../../../src/phishing/ingest/notification-url.js';

const PATH = '/webhooks/graph/mail';

test('https public URLs get the webhook path appended, trailing slashes dropped', () => {
  assert.equal(notificationUrlOf('https://soc.example.com', PATH), `https://soc.example.com${PATH}`);
  assert.equal(notificationUrlOf('https://soc.example.com/gs//', PATH), `https://soc.example.com/gs${PATH}`);
});

test('plain http only on loopback, where only an emulator on this machine can call', () => {
  assert.equal(notificationUrlOf('http://127.0.0.1:8080', PATH), `http://127.0.0.1:8080${PATH}`);
  assert.equal(notificationUrlOf('http://localhost:8080', PATH), `http://localhost:8080${PATH}`);
  assert.equal(notificationUrlOf('http://[::1]:8080', PATH), `http://[::1]:8080${PATH}`);
  for (const u of [
    'http://soc.example.com',
    'http://10.0.0.5:8080',
    'http://0.0.0.0:8080',
    'http://127.0.0.1.evil.example',
  ])
    assert.equal(notificationUrlOf(u, PATH), undefined, u);
});

test('no URL, garbage or other schemes mean polling only', () => {
  for (const u of [undefined, '', 'not a url', 'ftp://soc.example.com', 'javascript:alert(1)'])
    assert.equal(notificationUrlOf(u, PATH), undefined, String(u));
});
