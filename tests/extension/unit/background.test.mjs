// The background worker's other parts against a real HTTP server standing in for the helper:
// pairing (background/pairing.js, pairing-store.js), calls with recovery
// (background/helper-client.js), coaching paused per site (background/site-pause.js) and the
// one door content scripts and extension pages knock at (background/router.js).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { plain } from './load.mjs';
import { fakeChrome, loadBackground, startHelper } from './background-world.mjs';

let helper;
let host;
let chrome;
let ns;
const X_TAB = { tab: { url: 'https://x.com/home' }, url: 'https://x.com/home' };
const OPTIONS_PAGE = { url: 'chrome-extension://ohckmjhofnjppajckmajddmpnomnahdp/options/options.html' };

beforeEach(async () => {
  helper = await startHelper();
  host = { url: helper.url, token: 'token-1' };
  chrome = fakeChrome(host);
  ns = loadBackground(chrome, 'background/router.js');
});
afterEach(() => helper.close());

test('pairing asks the native host once and keeps the answer for the session', async () => {
  const first = plain(await ns.pairing.getPairing());
  assert.deepEqual(first, { url: helper.url, token: 'token-1', version: '1.0', hostVersion: '1.0', source: 'native' });
  await ns.pairing.getPairing();
  assert.equal(host.asked, 1);
  assert.deepEqual(plain((await chrome.storage.session.get('pairing')).pairing), first);
});

test('a helper address that is not loopback is refused, whoever gives it', () => {
  for (const url of ['http://10.0.0.1:28841', 'https://127.0.0.1:28841', 'http://127.0.0.1:0', 'http://127.0.0.1:70000', 'http://127.0.0.1.evil.example:1']) {
    assert.throws(() => ns.pairing.checkedUrl(url), (error) => error.state === 'not-paired', url);
  }
  assert.equal(ns.pairing.checkedUrl('http://127.0.0.1:28841/'), 'http://127.0.0.1:28841');
});

test('without a native host the manual pairing is used, and without either the state says so', async () => {
  host.url = null;
  await assert.rejects(ns.pairing.getPairing(), (error) => error.state === 'not-paired');
  await ns.pairingStore.setManual({ url: helper.url, token: 'pasted' });
  assert.deepEqual(plain(await ns.pairing.getPairing()), { url: helper.url, token: 'pasted', source: 'manual' });
});

test('a call after the helper restarted on another port pairs again and goes through', async () => {
  helper.answer(200, { version: '1.0' });
  assert.deepEqual(plain(await ns.helper.get('/v1/health')), { version: '1.0' });
  const moved = await startHelper();
  await helper.close();
  host.url = moved.url;
  moved.answer(200, { active: 'lt13' });
  try {
    assert.deepEqual(plain(await ns.helper.get('/v1/events')), { active: 'lt13' });
    assert.equal(host.asked, 2);
  } finally {
    await moved.close();
  }
});

test('failures become states the panel can explain', async () => {
  helper.answer(422, { error: { code: 'invalid', message: 'text is empty' } });
  await assert.rejects(ns.helper.post('/v1/check', {}), (error) => error.state === 'helper-error' && error.message.endsWith('text is empty') && error.detail === 'invalid');
  helper.answer(401);
  helper.answer(401);
  await assert.rejects(ns.helper.get('/v1/events'), (error) => error.state === 'unauthorized');
});

test('coaching is paused per site, x.com and twitter.com being one', async () => {
  assert.equal(ns.sitePause.siteOf('https://mobile.twitter.com/home'), 'x.com');
  assert.equal(ns.sitePause.siteOf('https://example.com/'), null);
  assert.equal(ns.sitePause.siteOf('not a url'), null);
  await ns.sitePause.setPaused('x.com', true);
  assert.equal(await ns.sitePause.isPaused('x.com'), true);
  assert.equal(await ns.sitePause.isPaused(null), false);
  await ns.sitePause.setPaused('x.com', false);
  assert.equal(await ns.sitePause.isPaused('x.com'), false);
});

test('the router refuses other senders, unknown requests and pages\' requests from content scripts', async () => {
  assert.equal(await chrome.runtime.send({ type: 'events' }, { id: 'another-extension', ...X_TAB }), undefined);
  assert.deepEqual(plain(await chrome.runtime.send({ type: 'nope' }, X_TAB)), { ok: false, state: 'helper-error', message: 'Unknown request nope.' });
  // Pairing by hand is for the extension's own pages, never for x.com.
  assert.equal((await chrome.runtime.send({ type: 'pair-manual', url: helper.url, token: 't' }, X_TAB)).ok, false);
  helper.answer(200, { version: '1.0' });
  const paired = plain(await chrome.runtime.send({ type: 'pair-manual', url: helper.url, token: 't' }, OPTIONS_PAGE));
  assert.deepEqual(paired, { ok: true, source: 'manual', url: helper.url, version: '1.0' });
});

test('a paused site gets no checks, and its posts are still recorded', async () => {
  assert.deepEqual(plain(await chrome.runtime.send({ type: 'set-site-paused', site: 'x.com', paused: true }, OPTIONS_PAGE)), { ok: true, site: 'x.com', paused: true });
  const check = plain(await chrome.runtime.send({ type: 'check', text: 'Hello #LT13' }, X_TAB));
  assert.equal(check.state, 'paused');
  assert.equal(helper.requests.length, 0);
  const record = { client_id: '00000000-0000-4000-8000-000000000001', text: 'Hello #LT13', posted_at: '2026-12-07T10:00:00Z' };
  const answer = plain(await chrome.runtime.send({ type: 'record-post', record }, X_TAB));
  assert.equal(answer.ok, true);
  assert.deepEqual(helper.requests.map((r) => [r.method, r.path, r.json?.client_id]), [['POST', '/v1/posts', record.client_id]]);
});

test('each kind of call has its own time limit, and running out of it says the helper is busy', async () => {
  helper.answer(200, { version: '1.0' });
  await ns.helper.get('/v1/health'); // paired
  const limits = [];
  const timeout = AbortSignal.timeout;
  // Every call runs out of time at once: the limit each asked for is kept.
  AbortSignal.timeout = (ms) => {
    limits.push(ms);
    return AbortSignal.abort(new DOMException('The operation timed out.', 'TimeoutError'));
  };
  try {
    await assert.rejects(ns.helper.get('/v1/events'), (error) => error.state === 'helper-busy' && /busy/.test(error.message));
    const id = 'a'.repeat(64);
    const reading = plain(await chrome.runtime.send({ type: 'photo-text', id }, X_TAB));
    assert.equal(reading.state, 'helper-busy');
    const copy = plain(await chrome.runtime.send({ type: 'photo', data: 'AAAA', mediaType: 'image/jpeg', original: { width: 4000, height: 3000 } }, X_TAB));
    assert.equal(copy.state, 'helper-busy');
  } finally {
    AbortSignal.timeout = timeout;
  }
  assert.deepEqual(limits, [5000, 25000, 20000]);
  assert.equal(host.asked, 1); // busy is not gone: no fresh pairing
});

test('a photo copy goes with its original\'s size, and never without one', async () => {
  helper.answer(200, { version: '1.0' });
  await ns.helper.get('/v1/health');
  const bad = plain(await chrome.runtime.send({ type: 'photo', data: 'AAAA', mediaType: 'image/jpeg', original: { width: '4000', height: 3000 } }, X_TAB));
  assert.equal(bad.ok, false);
  assert.match(bad.message, /original’s size/);
  assert.equal(helper.requests.length, 1);
});
