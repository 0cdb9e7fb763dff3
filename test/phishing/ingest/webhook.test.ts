// The mail webhook over real HTTP, as Graph calls it: the validation handshake, notifications whose
// clientState decides whether they count, lifecycle events, and hostile bodies.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { type LifecycleEvent, registerMailWebhook } from '../../../src/phishing/ingest/webhook.js';
import { createLogger } from '../../../src/platform/log.js';
import { listenLoopback } from '../../helpers/listen.js';
import { LogCapture } from '../../helpers/log-capture.js';
import { waitFor } from '../../helpers/wait.js';

const PATH = '/webhooks/graph/mail';

describe('mail webhook', () => {
  let app: FastifyInstance;
  let url = '';
  const changed: string[] = [];
  const lifecycle: Array<[string, LifecycleEvent]> = [];
  const log = new LogCapture();

  before(async () => {
    app = Fastify();
    registerMailWebhook(app, {
      path: PATH,
      resolve: async (id) => (id === 'sub-1' ? { clientState: 'state-of-sub-1' } : undefined),
      onChange: (id) => changed.push(id),
      onLifecycle: (id, event) => lifecycle.push([id, event]),
      logger: createLogger({ level: 'debug', destination: log }),
    });
    url = `${await listenLoopback(app)}${PATH}`;
  });
  after(() => app.close());

  const notify = (value: unknown[]) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value }),
    });

  test('validation: the token comes back as text/plain, decoded, with nosniff', async () => {
    const token =
      'Validation: Testing client application reachability for subscription Request-Id: 1 <b>x</b>';
    const res = await fetch(`${url}?validationToken=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await res.text(), token);
  });

  test('validation: an empty or oversized token is refused', async () => {
    for (const token of ['', 'x'.repeat(1025)]) {
      const res = await fetch(`${url}?validationToken=${token}`, { method: 'POST' });
      assert.equal(res.status, 400, `length ${token.length}`);
    }
  });

  test('a notification with the right clientState triggers a round; wrong or unknown ones do not', async () => {
    changed.length = 0;
    const res = await notify([
      { subscriptionId: 'sub-1', clientState: 'state-of-sub-1', changeType: 'created', resource: 'x' },
      { subscriptionId: 'sub-1', clientState: 'state-of-sub-X', changeType: 'created' },
      { subscriptionId: 'sub-1', changeType: 'created' },
      { subscriptionId: 'sub-9', clientState: 'state-of-sub-1', changeType: 'created' },
      { not: 'a notification' },
    ]);
    assert.equal(res.status, 202);
    await waitFor('handled', () => log.text.includes('unexpected shape'));
    assert.deepEqual(changed, ['sub-1']);
    assert.equal((log.text.match(/wrong clientState/g) ?? []).length, 3);
  });

  test('lifecycle events reach their handler; unknown ones are only logged', async () => {
    lifecycle.length = 0;
    const res = await notify([
      { subscriptionId: 'sub-1', clientState: 'state-of-sub-1', lifecycleEvent: 'reauthorizationRequired' },
      { subscriptionId: 'sub-1', clientState: 'state-of-sub-1', lifecycleEvent: 'missed' },
      { subscriptionId: 'sub-1', clientState: 'state-of-sub-1', lifecycleEvent: 'subscriptionRemoved' },
      { subscriptionId: 'sub-1', clientState: 'state-of-sub-1', lifecycleEvent: 'somethingNew' },
    ]);
    assert.equal(res.status, 202);
    await waitFor('handled', () => lifecycle.length === 3 && log.text.includes('not handled'));
    assert.deepEqual(lifecycle, [
      ['sub-1', 'reauthorizationRequired'],
      ['sub-1', 'missed'],
      ['sub-1', 'subscriptionRemoved'],
    ]);
  });

  test('hostile bodies get 400, never a 500', async () => {
    for (const body of ['{', '[]', '{"value":"x"}', JSON.stringify({ value: new Array(1001).fill({}) })]) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.equal(res.status, 400, body.slice(0, 20));
    }
  });
});
