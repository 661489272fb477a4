// The post queue (background/post-queue.js) against a real HTTP server on a loopback port
// standing in for the helper: what is stored, kept for later, slimmed, dropped, and in
// which order records go.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { plain } from './load.mjs';
import { fakeChrome, loadBackground, startHelper } from './background-world.mjs';

const record = (n, extra = {}) => ({
  client_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, platform: 'x', text: `Post ${n} #LT13`,
  posted_at: '2026-12-07T10:00:00Z', tips: [{ code: 'TAG001' }], media: [{ sha256: 'a'.repeat(64), measurements: { sharpness: 0.9 } }], ...extra,
});

let helper;
let host;
let chrome;
let ns;
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
/** Wait until the queue has sent `count` posts (what runs on its own, after an alarm or a
 * worker start, is awaited by what it does, not by a time). */
async function sent(count) {
  for (let i = 0; i < 500 && posted().length < count; i += 1) await settle();
  for (let i = 0; i < 500 && plain(await ns.postQueue.status()).pending.length; i += 1) await settle();
}

beforeEach(async () => {
  helper = await startHelper();
  host = { url: helper.url, token: 'token-1' };
  chrome = fakeChrome(host);
  ns = loadBackground(chrome, 'background/post-queue.js');
  await settle(); // the start-up flush finds nothing
});
afterEach(() => helper.close());

const posted = () => helper.requests.filter((r) => r.path === '/v1/posts');

test('a post the helper takes is stored, sent once with the token', async () => {
  const answer = await ns.postQueue.add(record(1));
  assert.deepEqual(plain(answer), { state: 'stored', message: ns.messages['post-recorded'] });
  assert.equal(posted().length, 1);
  assert.deepEqual(posted()[0].json, record(1));
  assert.equal(posted()[0].authorization, 'Bearer token-1');
  assert.deepEqual(plain(await ns.postQueue.status()), { pending: [], dropped: [] });
  assert.equal(chrome.alarms.items.size, 0);
});

test('a 409 means the helper already holds the post: stored', async () => {
  helper.answer(409, { error: { code: 'conflict', message: 'already recorded' } });
  assert.equal((await ns.postQueue.add(record(1))).state, 'stored');
  assert.deepEqual(plain(await ns.postQueue.status()).pending, []);
});

test('a record already queued is not queued twice', async () => {
  helper.answer(503);
  await ns.postQueue.add(record(1));
  helper.answer(503);
  await ns.postQueue.add(record(1));
  assert.equal(plain(await ns.postQueue.status()).pending.length, 1);
});

for (const status of [408, 429, 500, 503]) {
  test(`a ${status} keeps the record, and the ones after it wait behind it`, async () => {
    helper.answer(status, { error: { code: 'busy', message: 'try later' } });
    assert.equal((await ns.postQueue.add(record(1))).state, 'queued');
    helper.answer(status);
    assert.equal((await ns.postQueue.add(record(2))).state, 'queued');
    // The second record was never sent: the first goes first, once the helper takes posts again.
    assert.deepEqual(posted().map((r) => r.json.client_id), [record(1).client_id, record(1).client_id]);
    const { pending } = plain(await ns.postQueue.status());
    assert.deepEqual(pending.map((p) => [p.client_id, p.tries]), [[record(1).client_id, 2], [record(2).client_id, 0]]);
    assert.equal(pending[0].lastError, `The helper answered ${status}.`);
    assert.ok(chrome.alarms.items.has('backchannel-flush-posts'), 'an alarm tries again later');
    // The alarm fires and the helper answers: both go, oldest first, and the alarm stops.
    chrome.alarms.fire('backchannel-flush-posts');
    await sent(4);
    assert.deepEqual(posted().slice(2).map((r) => r.json.client_id), [record(1).client_id, record(2).client_id]);
    assert.deepEqual(plain(await ns.postQueue.status()).pending, []);
    assert.equal(chrome.alarms.items.size, 0);
  });
}

test('a helper that is away keeps the record, and any later answer from it sends the queue', async () => {
  await helper.close();
  host.url = `http://127.0.0.1:${helper.port}`; // nothing listens there now
  assert.equal((await ns.postQueue.add(record(1))).state, 'queued');
  assert.equal(plain(await ns.postQueue.status()).pending[0].lastError, ns.messages['helper-down']);
  // The helper is back (on another port, as after a restart): the next call that reaches it flushes.
  helper = await startHelper();
  host.url = helper.url;
  await ns.helper.get('/v1/health');
  await sent(1);
  assert.deepEqual(posted().map((r) => r.json.client_id), [record(1).client_id]);
  assert.deepEqual(plain(await ns.postQueue.status()).pending, []);
});

test('a 413 sends the record once more without its tips and measurements', async () => {
  helper.answer(413, { error: { code: 'too_large', message: 'too large' } });
  assert.equal((await ns.postQueue.add(record(1))).state, 'stored');
  const [first, second] = posted();
  assert.deepEqual(first.json.tips, [{ code: 'TAG001' }]);
  assert.deepEqual(second.json, { ...record(1), tips: [], media: [{ sha256: 'a'.repeat(64) }] });
});

test('a 413 for the slimmed record too drops it', async () => {
  helper.answer(413);
  helper.answer(413, { error: { code: 'too_large', message: 'still too large' } });
  const answer = await ns.postQueue.add(record(1));
  assert.deepEqual(plain(answer), { state: 'dropped', message: `${ns.messages['post-dropped']} (still too large)` });
});

test('any other 4xx drops the record with the helper\'s word, for the options page', async () => {
  helper.answer(422, { error: { code: 'invalid', message: 'posted_at is not a date' } });
  assert.equal((await ns.postQueue.add(record(1))).state, 'dropped');
  const { pending, dropped } = plain(await ns.postQueue.status());
  assert.deepEqual(pending, []);
  assert.equal(dropped.length, 1);
  assert.deepEqual({ ...dropped[0], at: null }, {
    client_id: record(1).client_id, text: record(1).text, posted_at: record(1).posted_at, url: null, status: 422, code: 'invalid',
    message: 'posted_at is not a date', at: null,
  });
  // The record after it is not held up by it.
  assert.equal((await ns.postQueue.add(record(2))).state, 'stored');
  await ns.postQueue.forgetDropped();
  assert.deepEqual(plain(await ns.postQueue.status()).dropped, []);
});

test('a token the helper refuses is asked for again once, and the post goes with the new one', async () => {
  await chrome.storage.session.set({ pairing: { url: helper.url, token: 'stale', source: 'native' } });
  host.token = 'token-2';
  helper.answer(401, { error: { code: 'unauthorized', message: 'bad token' } });
  assert.equal((await ns.postQueue.add(record(1))).state, 'stored');
  assert.deepEqual(posted().map((r) => r.authorization), ['Bearer stale', 'Bearer token-2']);
});

test('a worker that starts sends what an earlier one left queued', async () => {
  helper.answer(503);
  await ns.postQueue.add(record(1));
  // A new worker over the same storage (the browser restarted it).
  const again = loadBackground(chrome, 'background/post-queue.js');
  ns = again;
  await sent(2);
  assert.deepEqual(posted().map((r) => r.json.client_id), [record(1).client_id, record(1).client_id]);
  assert.deepEqual(plain(await again.postQueue.status()).pending, []);
});
