// The content scripts' parts that need a page, in a jsdom window at an x.com address: the one
// element builder (shared/dom.js), the panel's view (content/panel/view.js), features and
// their lifetimes (content/core/lifecycle.js), the content scripts' door to the background
// (content/core/background.js), the page's network calls as the page-world script tells them
// (content/core/page-requests.js), the snapshot of a post going out
// (content/coach/post-snapshot.js), the page's clock (content/core/page-clock.js with
// content/page-world/clock.js) and frame timing (content/core/frames.js).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EXTENSION_DIR, loadInPage, plain } from './load.mjs';

const settle = (window) => new Promise((resolve) => window.requestAnimationFrame(() => setTimeout(resolve, 0)));

test('el() puts text in as text, never as HTML, and leaves out empty attributes', () => {
  const { ns, window } = loadInPage(['shared/dom.js']);
  const node = ns.dom.el('p', { className: 'tip', 'data-rule': 'TAG001', hidden: true, title: null, 'data-off': false, 'data-n': 3 },
    '<img src=x onerror=alert(1)>', ns.dom.el('b', {}, 'bold'), 42);
  assert.equal(node.outerHTML, '<p class="tip" data-rule="TAG001" hidden="" data-n="3">&lt;img src=x onerror=alert(1)&gt;<b>bold</b>42</p>');
  assert.equal(node.querySelector('img'), null);
  assert.ok(node instanceof window.HTMLParagraphElement);
});

function panel() {
  const { ns, window } = loadInPage(['shared/constants.js', 'shared/dom.js', 'content/panel/styles.js', 'content/panel/view.js']);
  const calls = [];
  const handlers = Object.fromEntries(['onFix', 'onDismiss', 'onDisableRule', 'onAttachSession', 'onPhotoFix', 'onPhotoDownload']
    .map((name) => [name, (...args) => calls.push([name, ...args])]));
  const view = new ns.CoachPanel(handlers);
  view.mount();
  return { view, calls, window, root: view.host.shadowRoot };
}

const TIPS = [
  { code: 'TAG001', level: 'warning', name: 'Event hashtag', message: 'Add the event hashtag <b>#LT13</b>', fix: { title: 'Add #LT13', edits: [], result: 'x #LT13' } },
  { code: 'LEN001', level: 'error', name: 'Length', message: 'Too long', fix: { title: 'Split', parts: ['a', 'b'] } },
  { code: 'WHO001', level: 'info', name: 'Speaker', message: 'Say who said it' },
];

test('the panel draws tips by the testability contract, and what is dismissed stays out', () => {
  const { view, root } = panel();
  assert.equal(view.host.getAttribute('data-backchannel'), 'coach');
  view.render({ tips: TIPS, length: { limit: 280, weighted: 290 } }, new Set(['WHO001']));
  assert.equal(view.host.getAttribute('data-state'), 'ready');
  assert.deepEqual([...root.querySelectorAll('li[data-rule]')].map((li) => li.getAttribute('data-rule')), ['TAG001', 'LEN001']);
  // Helper text is text: the message's markup is shown, not parsed.
  assert.equal(root.querySelector('li[data-rule="TAG001"] .message').textContent, 'Add the event hashtag <b>#LT13</b>');
  assert.equal(root.querySelector('li[data-rule="TAG001"] b'), null);
  assert.equal(root.querySelector('[data-backchannel-fix="TAG001"]').textContent, 'Add #LT13');
  assert.equal(root.querySelector('[data-backchannel-fix="LEN001"]').textContent, 'Copy as a thread of 2');
  assert.equal(root.querySelector('[data-backchannel-length]').textContent, '10 over');
  assert.deepEqual(plain(view.shownTips()).map((tip) => tip.code), ['TAG001', 'LEN001']);
  view.render({ tips: [], length: { limit: 280, weighted: 11 } }, new Set());
  assert.equal(root.querySelector('[data-backchannel-status]').textContent, 'No tips: this post looks good.');
  assert.equal(root.querySelector('[data-backchannel-length]').textContent, '269 left');
});

test("the panel's buttons call their handlers with the tip or its code", () => {
  const { view, calls, root } = panel();
  view.render({ tips: TIPS, length: null }, new Set());
  root.querySelector('[data-backchannel-fix="TAG001"]').click();
  root.querySelector('li[data-rule="LEN001"] [data-backchannel-action="dismiss"]').click();
  root.querySelector('li[data-rule="WHO001"] [data-backchannel-action="disable-rule"]').click();
  root.querySelector('[data-backchannel-action="attach-session"]').click();
  assert.deepEqual(calls.map(([name, arg]) => [name, typeof arg === 'object' ? arg.code : arg]),
    [['onFix', 'TAG001'], ['onDismiss', 'LEN001'], ['onDisableRule', 'WHO001'], ['onAttachSession', undefined]]);
});

test('the panel says what is wrong, and what became of the last post', () => {
  const { view, root } = panel();
  view.setStatus('helper-down', 'The helper is not running.');
  assert.equal(view.host.getAttribute('data-state'), 'helper-down');
  assert.equal(root.querySelector('[data-backchannel-status]').className, 'status down');
  view.setProblem("Can't find X's toolbar");
  assert.equal(root.querySelector('[data-backchannel-problem]').hidden, false);
  view.setProblem(null);
  assert.equal(root.querySelector('[data-backchannel-problem]').hidden, true);
  view.setPost({ state: 'recorded', message: 'Recorded.' });
  assert.equal(root.querySelector('[data-backchannel-post]').getAttribute('data-post-state'), 'recorded');
  view.destroy();
  assert.equal(view.host.isConnected, false);
});

test('features start where they run, and start again, with a fresh signal, after in-app navigation', async () => {
  const { ns, window } = loadInPage(['shared/constants.js', 'content/core/lifecycle.js'], { url: 'https://x.com/home' });
  const started = [];
  const signals = [];
  ns.lifecycle.addFeature({ id: 'broken', runsOn: () => true, start: () => { throw new Error('broken on purpose'); } });
  ns.lifecycle.addFeature({ id: 'home', runsOn: (url) => url.pathname === '/home', start: (signal) => { started.push('home'); signals.push(signal); } });
  ns.lifecycle.addFeature({ id: 'everywhere', runsOn: () => true, start: (signal) => { started.push('everywhere'); signals.push(signal); } });
  const changes = [];
  const quiet = console.error;
  console.error = () => {};
  try {
    ns.lifecycle.start();
    assert.deepEqual(started, ['home', 'everywhere'], 'a feature that fails to start does not stop the others');
    ns.lifecycle.onDomChange(() => changes.push(window.location.pathname), signals[1]);
    // X navigates with pushState; the next DOM change shows the new address.
    window.history.pushState({}, '', '/explore');
    window.document.body.append(window.document.createElement('div'));
    await settle(window);
    await settle(window);
  } finally {
    console.error = quiet;
  }
  assert.deepEqual(started, ['home', 'everywhere', 'everywhere']);
  assert.deepEqual(signals.map((signal) => signal.aborted), [true, true, false]);
  // The listener tied to the old page's signal is gone with it.
  assert.deepEqual(changes, []);
});

test("a content script's request to the background: the answer, or a state the panel can explain", async () => {
  const replies = [{ ok: true, tips: [] }, undefined, new Error('Extension context invalidated.'), new Error('boom')];
  const sent = [];
  const chrome = { runtime: { sendMessage: async (message) => { sent.push(message); const reply = replies.shift(); if (reply instanceof Error) throw reply; return reply; } } };
  const { ns } = loadInPage(['shared/constants.js', 'content/core/background.js'], { extra: { chrome } });
  assert.deepEqual(plain(await ns.background.ask('check', { text: 'hi' })), { ok: true, tips: [] });
  assert.deepEqual(plain(sent[0]), { text: 'hi', type: 'check' });
  assert.equal((await ns.background.ask('check')).state, 'helper-error');
  assert.deepEqual(plain(await ns.background.ask('check')), { ok: false, state: 'extension-reloaded', message: ns.messages['extension-reloaded'] });
  assert.deepEqual(plain(await ns.background.ask('check')), { ok: false, state: 'helper-error', message: 'boom' });
});

test("the page's calls are heard from this window only, in the page-world script's shape", () => {
  const { ns, window } = loadInPage(['content/core/page-requests.js']);
  const asked = [];
  window.document.addEventListener('backchannel:watch-requests', (event) => asked.push(event.detail));
  const heard = [];
  ns.pageRequests.watch(/\/CreateTweet$/, (message) => heard.push(plain(message)));
  assert.deepEqual(asked, ['\\/CreateTweet$']);
  const channel = 'backchannel:request-watch:v1';
  // As window.postMessage(data, location.origin) delivers it (jsdom's leaves out source and origin).
  const post = (data, { source = window, origin = window.location.origin } = {}) => window.dispatchEvent(new window.MessageEvent('message', { data, source, origin }));
  post({ channel, kind: 'request', id: 1, body: '{"variables":{}}' });
  post({ channel, kind: 'response', id: 1, status: 200, body: '{}' });
  post({ channel, kind: 'other', id: 2 });
  post({ channel: 'someone-else', kind: 'request', id: 3 });
  post({ channel, kind: 'request', id: 'four' });
  post({ channel, kind: 'request', id: 5, body: 'x' }, { origin: 'https://evil.example' });
  // Another window (a frame) saying the same is not this page's page-world script.
  const frame = window.document.createElement('iframe');
  window.document.body.append(frame);
  post({ channel, kind: 'request', id: 6, body: 'x' }, { source: frame.contentWindow });
  assert.deepEqual(heard, [
    { kind: 'request', id: 1, body: '{"variables":{}}', status: 0 },
    { kind: 'response', id: 1, body: '{}', status: 200 },
  ]);
});

test('a post going out is recorded with each post of its thread, the tips shown for the active one, and what it replies to', () => {
  const { ns, window } = loadInPage(['shared/constants.js', 'shared/codepoints.js', 'content/adapters/x.js', 'content/coach/post-snapshot.js'],
    { url: 'https://x.com/priyaraman/status/1296887091901718529' });
  const textbox = (text) => {
    const box = window.document.createElement('textarea');
    box.value = text;
    return box;
  };
  const composers = [{ index: 0, textbox: textbox('First #LT13'), dialog: false }, { index: 1, textbox: textbox('Second'), dialog: false }];
  const coach = {
    composers,
    active: composers[1],
    panel: { shownTips: () => [{ code: 'WHO001', message: 'Say who said it' }] },
    photos: { records: () => [{ sha256: 'a'.repeat(64), part: 0 }, { sha256: 'b'.repeat(64), part: null }] },
    last: { result: { event: 'lt13', session: 7 } },
  };
  assert.deepEqual(plain(ns.postSnapshot(coach)), {
    parts: [
      { text: 'First #LT13', tips: [], media: [{ sha256: 'a'.repeat(64) }] },
      // A photo not yet placed in a post belongs to the active one.
      { text: 'Second', tips: [{ code: 'WHO001', message: 'Say who said it' }], media: [{ sha256: 'b'.repeat(64) }] },
    ],
    event: 'lt13',
    session: 7,
    replyTo: '1296887091901718529',
  });
  coach.last = null;
  composers[1].dialog = true;
  const snapshot = plain(ns.postSnapshot(coach));
  assert.deepEqual([snapshot.event, snapshot.session, snapshot.replyTo], [null, null, null]);
});

test("the page's clock is asked of the page's own world, and an odd answer falls back to ours", () => {
  const { ns, window } = loadInPage(['content/core/page-clock.js']);
  const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
  // No page-world script (yet): our own clock.
  assert.match(ns.pageClock.nowISO(), ISO);
  // The page's world answers with its Date (shared DOM, so one window stands for both worlds).
  window.eval(readFileSync(join(EXTENSION_DIR, 'content/page-world/clock.js'), 'utf8'));
  const answers = [];
  window.document.addEventListener('backchannel:clock-answer', (event) => answers.push(event.detail));
  assert.equal(ns.pageClock.nowISO(), answers.at(-1));
  // Something else on the page answering first with nonsense is not believed.
  const { ns: other, window: page } = loadInPage(['content/core/page-clock.js']);
  page.document.addEventListener('backchannel:clock-ask', () => page.document.dispatchEvent(new page.CustomEvent('backchannel:clock-answer', { detail: '1999 <b>' })));
  assert.match(other.pageClock.nowISO(), ISO);
});

test('a pause noticed in an animation frame says so; a hidden tab, which has no frames, goes on without one', async () => {
  const { ns } = loadInPage(['content/core/frames.js'], { extra: { MessageChannel } });
  assert.equal(await new Promise((resolve) => ns.frames.atNextFrame(resolve)), true);
  await new Promise((resolve) => ns.frames.afterPaint(resolve));
  await new Promise((resolve) => ns.frames.afterPaint(resolve, { inFrame: true }));
  const hide = (window) => Object.defineProperty(window.document, 'hidden', { value: true, configurable: true });
  // Hidden already: at once.
  const { ns: hiddenNs, window: hidden } = loadInPage(['content/core/frames.js'], { extra: { requestAnimationFrame: () => 0 } });
  hide(hidden);
  assert.equal(await new Promise((resolve) => hiddenNs.frames.atNextFrame(resolve)), false);
  // Visible, its frame late (a busy compositor): it waits for the frame, however late...
  let frame = null;
  const { ns: lateNs } = loadInPage(['content/core/frames.js'], { extra: { requestAnimationFrame: (callback) => (frame = callback) } });
  let answer = null;
  lateNs.frames.atNextFrame((framed) => (answer = framed));
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.equal(answer, null, 'a late frame is waited for, not given up on');
  frame();
  assert.equal(answer, true);
  // ...unless the tab is hidden meanwhile.
  const { ns: goneNs, window: gone } = loadInPage(['content/core/frames.js'], { extra: { requestAnimationFrame: () => 0 } });
  const waited = new Promise((resolve) => goneNs.frames.atNextFrame(resolve));
  hide(gone);
  gone.document.dispatchEvent(new gone.Event('visibilitychange'));
  assert.equal(await waited, false);
});
